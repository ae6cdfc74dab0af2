import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyRules } from "../../server/proxy/rules";
import { SERVICE_NAMES, type ServiceName } from "../../server/shared/services";
import { SIGNUP_PEOPLE, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { gatewayRoutes, samplePath } from "../support/routes";
import { OTP, startStack, type Stack } from "../support/stack";

// Issue 18, item 5: every public route is under a switch. The gateway's own routes are read from
// server/routes (so a new file is checked the day it is added), the proxy's from its rule table.
const [ONE] = TEST_TAXPAYERS;
const [SELLER_ONE] = SIGNUP_PEOPLE;
const json = { headers: { accept: "application/json" } };

/** Sign-in, sign-out, the language switch, health and the constant favicon and robots.txt: what must work whatever is paused (a paused service still needs a session to say so). */
const ALWAYS_ON = new Set([
  "POST /entry", "GET /session", "POST /session/logout", "POST /session/otp", "POST /session/otp/resend", "GET /healthz", "GET /readyz",
  "GET /favicon.ico", "GET /robots.txt", "POST /language",
  // WhatsApp's servers call these: a paused `flows` answers a Flow screen saying so (whatsapp-flows-settings test), never a 503.
  "POST /whatsapp/flows", "GET /whatsapp/webhook", "POST /whatsapp/webhook",
]);

/** Each gateway route that does something for the taxpayer, the service that switches it, and a body it accepts. */
const SWITCHED: Record<string, { service: ServiceName | ServiceName[]; body: Record<string, unknown> }> = {
  "POST /session/signup/etims": { service: "etims", body: { id_number: SELLER_ONE.idNumber, yob: SELLER_ONE.yob } },
  "POST /session/pin/retrieve": { service: "pin", body: { id_number: SELLER_ONE.idNumber, yob: SELLER_ONE.yob } },
  "POST /session/pin/applicant": { service: "pin", body: { id_number: SELLER_ONE.idNumber, yob: SELLER_ONE.yob, first_name: "New", type: "citizen" } },
  "POST /session/pin/register": { service: "pin", body: { email: "a@example.com" } },
  "POST /session/whatsapp/send": { service: ["whatsapp", "etims"], body: { document: "invoice", invoice: "INV0001", key: "abcdef123456" } },
};

/** A drawn or fetched document needs `whatsapp` and the service it comes from. */
const DOCUMENTS: [ServiceName, Record<string, unknown>][] = [
  ["etims", { document: "invoice", invoice: "INV0001", key: "abcdef123456" }],
  ["etims", { document: "credit_note", invoice: "INV0001", key: "abcdef123456" }],
  ["returns", { document: "acknowledgement", ack: "KRA202612020000001" }],
  ["payments", { document: "prn", prn: "1120260000012345" }],
];


it("every gateway route is either sign-in/health or under a service switch: a new route no service covers fails here", () => {
  const routes = gatewayRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(ALWAYS_ON.size + Object.keys(SWITCHED).length);
  for (const route of routes) expect([route, ALWAYS_ON.has(route) || route in SWITCHED]).toEqual([route, true]);
  for (const rule of proxyRules) expect([rule.id, SERVICE_NAMES.includes(rule.service)]).toEqual([rule.id, true]);
});

describe.each(SERVICE_NAMES)("with %s paused", (paused) => {
  let stack: Stack;
  let active: GatewayClient;
  let verified: GatewayClient;
  beforeAll(async () => {
    stack = await startStack({ whatsapp: true, env: { NITRO_PAUSED_SERVICES: paused } });
    active = await stack.signIn(ONE.msisdn);
    verified = stack.client();
    await verified.enter(await stack.signedLink("254725000001"));
    expect((await verified.submitOtp(OTP)).status).toBe(303);
  });
  afterAll(() => stack?.stop());

  async function expectSwitched(label: string, service: ServiceName | ServiceName[], call: () => Promise<Response>) {
    stack.upstream.clearReceived();
    const before = stack.whatsapp!.cloud.sent().length;
    const response = await call();
    const error = response.headers.get("content-type")?.includes("json") ? ((await response.json()) as { error?: string }).error : undefined;
    if ([service].flat().includes(paused)) {
      expect([label, response.status, error]).toEqual([label, 503, "service_paused"]);
      expect([label, stack.upstream.received.length, stack.whatsapp!.cloud.sent().length - before]).toEqual([label, 0, 0]);
    } else {
      expect([label, error]).not.toEqual([label, "service_paused"]);
    }
  }

  it("each switched gateway route answers 503 service_paused exactly when its service is paused, asking nobody", async () => {
    for (const [route, { service, body }] of Object.entries(SWITCHED)) {
      const [method, path] = route.split(" ");
      const client = route.includes("whatsapp") ? active : verified;
      await expectSwitched(route, service, () => client.request(method, path, { ...json, json: body }));
    }
  });

  it("each proxy rule answers 503 service_paused exactly when its service is paused", async () => {
    for (const rule of proxyRules) {
      await expectSwitched(rule.id, rule.service, () => active.api(rule.method, samplePath(rule.path), rule.method === "POST" ? { json: {} } : {}));
    }
  });

  it.runIf(paused !== "whatsapp")("each document sent to WhatsApp needs the service it comes from", async () => {
    for (const [service, body] of DOCUMENTS) {
      await expectSwitched(String(body.document), service, () => active.post("/session/whatsapp/send", { ...json, json: body }));
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyRules, type ProxyRule } from "../../server/proxy/rules";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { SERVER_TO_SERVER_PATHS } from "../../server/shared/gateway-paths";
import { gatewayRoutes, samplePath } from "../support/routes";
import { OTP, startStack, type Stack } from "../support/stack";

// Issue 18, item 11: each security property is a table over the rule table and the route list, so a
// new rule or route is covered the day it is added, and a one-line slip on any one of them fails here.
// (Pause: service-coverage.test.ts; admin authentication: tests/node/admin-tokens.test.ts; response
// policy per rule: response-policy.test.ts and tests/unit/upstream-text.test.ts; identity binding per
// rule: identity-binding.test.ts.)
const json = { headers: { accept: "application/json" } };

/** Which budget guards each rule's disclosure: every rule is classified here, so a new one must be. */
const LIMITED: Record<string, "lookup" | "checker" | null> = {
  "buyer.lookup": "lookup",
  "checkers.pin": "checker", "checkers.staff": "checker", "checkers.tcc-validate": "checker",
  "checkers.import-certificate": "checker", "checkers.invoice-number": "checker",
};
const UNLIMITED = new Set([
  "sales-invoice.submit", "buyer-initiated.submit", "buyer-initiated.list", "buyer-initiated.action", "credit-note.search",
  "credit-note.full", "credit-note.partial", "invoice.pdf", "returns.obligations", "returns.filling-period", "returns.file",
  "returns.liabilities", "returns.properties", "payments.prn", "payments.mpesa", "tcc.apply",
  "itr.filing-period", "itr.employment-income", "itr.limits", "itr.create", "itr.summary", "itr.file",
]);

const callRule = (client: GatewayClient, rule: ProxyRule) =>
  client.api(rule.method, samplePath(rule.path), rule.method === "POST" ? { json: {} } : {});

it("every proxy rule is classified as limited or not", () => {
  for (const rule of proxyRules) expect([rule.id, rule.id in LIMITED || UNLIMITED.has(rule.id)]).toEqual([rule.id, true]);
});

/** Each limit variable, set to 1 alone; `perNumber`: it counts the number across sessions, not one session. */
const LIMIT_CASES: { name: string; perNumber: boolean; env: Record<string, string> }[] = [
  { name: "per session", perNumber: false, env: { NITRO_RATE_LIMIT_CHECKER_SESSION: "1/60", NITRO_RATE_LIMIT_LOOKUP_SESSION: "1/60" } },
  { name: "per session, daily", perNumber: false, env: { NITRO_RATE_LIMIT_CHECKER_SESSION_DAILY: "1/86400", NITRO_RATE_LIMIT_LOOKUP_SESSION_DAILY: "1/86400" } },
  { name: "per number", perNumber: true, env: { NITRO_RATE_LIMIT_CHECKER_MSISDN: "1/60", NITRO_RATE_LIMIT_LOOKUP_MSISDN: "1/60" } },
  { name: "per number, daily", perNumber: true, env: { NITRO_RATE_LIMIT_CHECKER_MSISDN_DAILY: "1/86400", NITRO_RATE_LIMIT_LOOKUP_MSISDN_DAILY: "1/86400" } },
];

describe.each(LIMIT_CASES)("limits: each limited rule, $name", ({ perNumber, env }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env });
  });
  afterAll(() => stack?.stop());

  it("the second call is 429 (a second session of the same number too, for a per-number limit), and not forwarded", async () => {
    const limited = proxyRules.filter((rule) => LIMITED[rule.id]);
    expect(limited.length).toBe(6);
    // A per-number counter is one per limit family, shared by its rules: each rule gets its own number.
    const numbers = new Map<string, string>();
    for (const rule of limited) {
      const family = LIMITED[rule.id]!;
      const taken = [...numbers.entries()].filter(([id]) => LIMITED[id] === family).length;
      numbers.set(rule.id, TEST_TAXPAYERS[taken].msisdn);
    }
    for (const rule of limited) {
      const first = await stack.signIn(numbers.get(rule.id)!);
      expect([rule.id, (await callRule(first, rule)).status]).not.toEqual([rule.id, 429]);
      const second = perNumber ? await stack.signIn(numbers.get(rule.id)!) : first;
      stack.upstream.clearReceived();
      const refused = await callRule(second, rule);
      expect([rule.id, refused.status, ((await refused.json()) as { error: string }).error]).toEqual([rule.id, 429, "rate_limited"]);
      expect([rule.id, stack.upstream.received.length]).toEqual([rule.id, 0]);
    }
  });
});

describe("session state and CSRF on every route", () => {
  let stack: Stack;
  const clients: Record<string, GatewayClient> = {};
  beforeAll(async () => {
    stack = await startStack({ whatsapp: true });
    clients.none = stack.client();
    clients.active = await stack.signIn(TEST_TAXPAYERS[0].msisdn);
    clients.pending_otp = stack.client();
    await clients.pending_otp.enter(await stack.signedLink(TEST_TAXPAYERS[1].msisdn));
    clients.phone_verified = stack.client();
    await clients.phone_verified.enter(await stack.signedLink("254726000001"));
    expect((await clients.phone_verified.submitOtp(OTP)).status).toBe(303);
  });
  afterAll(() => stack?.stop());

  /** The states each gateway route serves; routes that need no session are listed with none. */
  const STATES: Record<string, string[] | "no session needed"> = {
    "POST /entry": "no session needed", "GET /healthz": "no session needed", "GET /readyz": "no session needed",
    "GET /favicon.ico": "no session needed", "GET /robots.txt": "no session needed",
    "GET /session": "no session needed", "POST /session/logout": "no session needed",
    "POST /language": "no session needed",
    "POST /session/otp": ["pending_otp"], "POST /session/otp/resend": ["pending_otp"],
    "POST /session/signup/etims": ["phone_verified"], "POST /session/pin/retrieve": ["phone_verified", "active"],
    "POST /session/pin/applicant": ["phone_verified"], "POST /session/pin/register": ["phone_verified"],
    "POST /session/whatsapp/send": ["active"],
    // Called by WhatsApp's servers: no session cookie; the request signature decides (whatsapp-flows, whatsapp-webhook tests).
    "POST /whatsapp/flows": "no session needed", "GET /whatsapp/webhook": "no session needed", "POST /whatsapp/webhook": "no session needed",
  };
  const BODIES: Record<string, Record<string, unknown>> = {
    "POST /session/otp": { otp: "WRONG1" }, "POST /session/signup/etims": { id_number: "30000001", yob: 1900 },
    "POST /session/pin/retrieve": { id_number: "30000001", yob: 1900 },
    "POST /session/pin/applicant": { id_number: "30000001", yob: 1900, first_name: "X", type: "citizen" },
    "POST /session/pin/register": { email: "a@example.com" }, "POST /session/whatsapp/send": { document: "prn", prn: "1120260000012345" },
  };
  const unsafeRoutes = () => [
    ...gatewayRoutes().filter((route) => route.startsWith("POST ") && !SERVER_TO_SERVER_PATHS.has(route.slice("POST ".length))),
    ...proxyRules.filter((rule) => rule.method === "POST").map((rule) => `POST /api${samplePath(rule.path)}`),
  ];

  it("every gateway route says which session states it serves", () => {
    for (const route of gatewayRoutes()) expect([route, route in STATES]).toEqual([route, true]);
  });

  it("a route refuses every other state with 401 session_required, asking nobody and keeping the session", async () => {
    const routes = [
      ...Object.entries(STATES).filter(([, states]) => states !== "no session needed") as [string, string[]][],
      ...proxyRules.map((rule) => [`${rule.method} /api${samplePath(rule.path)}`, ["active"]] as [string, string[]]),
    ];
    for (const [route, states] of routes) {
      const [method, path] = route.split(" ");
      for (const state of ["none", "pending_otp", "phone_verified", "active"].filter((s) => !states.includes(s))) {
        stack.upstream.clearReceived();
        const sent = stack.whatsapp!.cloud.received.length;
        const response = await clients[state].request(method, path, { ...json, json: method === "POST" ? BODIES[route] ?? {} : undefined });
        const body = (await response.json()) as { error: string };
        expect([route, state, response.status, body.error]).toEqual([route, state, 401, "session_required"]);
        expect([route, state, stack.upstream.received.length, stack.whatsapp!.cloud.received.length - sent]).toEqual([route, state, 0, 0]);
      }
    }
    for (const state of ["active", "pending_otp", "phone_verified"]) {
      expect([state, ((await (await clients[state].get("/session", json)).json()) as { state: string }).state]).toEqual([state, state]);
    }
  });

  it("every unsafe route refuses a cross-site call, by either signal, before anything else (403 csrf)", async () => {
    const crossSite: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example", "x-csrf": "1" },
      { "sec-fetch-site": "same-site", origin: stack.origin, "x-csrf": "1" },
      { origin: "https://evil.example", "x-csrf": "1" }, // a browser without Sec-Fetch-Site: Origin decides
      { "x-csrf": "1" }, // neither signal
    ];
    for (const route of unsafeRoutes()) {
      const path = route.slice("POST ".length);
      for (const headers of crossSite) {
        stack.upstream.clearReceived();
        const response = await clients.active.post(path, { json: {}, sameOrigin: false, headers: { accept: "application/json", ...headers } });
        expect([route, JSON.stringify(headers), response.status]).toEqual([route, JSON.stringify(headers), 403]);
        expect([route, ((await response.json()) as { error: string }).error, stack.upstream.received.length]).toEqual([route, "csrf", 0]);
      }
    }
  });

  it("only WhatsApp's server-to-server routes skip the CSRF check, and they do not exist without their secrets", async () => {
    expect([...SERVER_TO_SERVER_PATHS].sort()).toEqual(["/whatsapp/flows", "/whatsapp/webhook"]);
    for (const path of SERVER_TO_SERVER_PATHS) {
      const response = await clients.active.post(path, { json: {}, sameOrigin: false, headers: { accept: "application/json", origin: "https://evil.example" } });
      expect([path, response.status, ((await response.json()) as { error: string }).error]).toEqual([path, 404, "not_found"]);
    }
  });

  it("every unsafe /api rule also needs X-CSRF: 1, whatever the origin signals say", async () => {
    const sameOrigin = { origin: stack.origin, "sec-fetch-site": "same-origin" };
    for (const route of unsafeRoutes().filter((r) => r.startsWith("POST /api/"))) {
      for (const xCsrf of [undefined, "0", "true"]) {
        const headers: Record<string, string> = { accept: "application/json", ...sameOrigin, ...(xCsrf === undefined ? {} : { "x-csrf": xCsrf }) };
        const response = await clients.active.post(route.slice("POST ".length), { json: {}, sameOrigin: false, headers });
        expect([route, xCsrf, response.status, ((await response.json()) as { error: string }).error]).toEqual([route, xCsrf, 403, "csrf"]);
      }
    }
  });
});

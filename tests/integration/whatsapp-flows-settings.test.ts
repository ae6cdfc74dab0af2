import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { adminCall, adminEnv, adminReady } from "../support/admin";
import { freePort, onNode, startGateway, type RunningGateway } from "../support/gateway";
import { startFlowsStack, type FlowsStack } from "../support/flows-stack";
import { OTP } from "../support/stack";
import { flowToken, generateFlowKey, SimulatedWhatsAppClient } from "../support/whatsapp-flows";

// WhatsApp Flows' switches and keys (issue 24): the `flows` pause switch and the rules' own switches answer a
// screen saying so, asking nobody; a key that does not open stops Node at start (workerd: 503), naming the variable.
const [ONE, TWO] = TEST_TAXPAYERS;
const PAUSED = "This service is paused. Please try again later.";

describe.each(["flows", "payments"])("with %s paused", (paused) => {
  let stack: FlowsStack;
  beforeAll(async () => {
    stack = await startFlowsStack({ env: { NITRO_PAUSED_SERVICES: paused } });
  }, 120_000);
  afterAll(() => stack?.stop());

  it("answers What I owe with a screen saying so, and calls no paused rule", async () => {
    const whatsapp = stack.whatsappClient();
    expect((await whatsapp.ping()).answer).toEqual({ data: { status: "active" } });
    const token = await flowToken(stack.linkSecret, "what-i-owe", ONE.msisdn);
    stack.upstream.clearReceived();
    const first = await whatsapp.init(token);
    if (paused === "flows") {
      expect(first.answer).toEqual({ screen: "NOTICE", data: { message: PAUSED, done: "Done" } });
      expect(stack.upstream.received).toEqual([]);
      return;
    }
    expect(first.answer!.screen).toBe("SIGN_IN");
    const owed = await whatsapp.exchange(token, "SIGN_IN", { otp: OTP });
    expect(owed.answer).toEqual({ screen: "NOTICE", data: { message: PAUSED, done: "Done" } });
    expect(stack.upstream.received.filter((request) => request.path.includes("liabilities"))).toEqual([]);
  });
});

describe.runIf(onNode)("operators (Node: the admin listener)", () => {
  let stack: FlowsStack;
  let admin: Awaited<ReturnType<typeof adminEnv>>;
  beforeAll(async () => {
    admin = await adminEnv();
    stack = await startFlowsStack({ env: admin });
    await adminReady(stack.gateway);
  }, 120_000);
  afterAll(() => stack?.stop());

  it("pauses and resumes the Flows at run time, and counts requests by Flow, action and status", async () => {
    const whatsapp = stack.whatsappClient();
    await whatsapp.ping();
    expect((await whatsapp.send({ version: "3.0", action: "ping" }, { signature: null })).status).toBe(432);
    expect((await adminCall(admin, "POST", "/admin/services", { pause: ["flows"] })).status).toBe(200);
    const paused = await whatsapp.init(await flowToken(stack.linkSecret, "pin-checker", ONE.msisdn));
    expect(paused.answer).toEqual({ screen: "NOTICE", data: { message: PAUSED, done: "Done" } });
    expect((await adminCall(admin, "POST", "/admin/services", { resume: ["flows"] })).status).toBe(200);
    const token = await flowToken(stack.linkSecret, "pin-checker", ONE.msisdn);
    expect((await whatsapp.init(token)).answer!.screen).toBe("SIGN_IN");
    expect((await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })).answer!.screen).toBe("PIN_INPUT");
    const metrics = await (await adminCall(admin, "GET", "/metrics")).text();
    expect(metrics).toContain('gateway_flow_requests_total{flow="unknown",action="ping",status="200"} 1');
    expect(metrics).toContain('gateway_flow_requests_total{flow="unknown",action="unknown",status="432"} 1');
    expect(metrics).toContain('gateway_flow_requests_total{flow="pin-checker",action="INIT",status="200"} 2');
    expect(metrics).toContain('gateway_flow_requests_total{flow="pin-checker",action="data_exchange",status="200"} 1');
    expect(metrics).toMatch(/gateway_flow_request_duration_seconds_count\{flow="pin-checker",action="INIT"\} 2/);
    const audit = stack.gateway.logLines().filter((line) => line.type === "audit" && line.event === "flow.signed_in");
    expect(audit).toEqual([expect.objectContaining({ flow: "pin-checker", msisdn: "2547******01" })]);
    // A Flow's session is indexed like a web session: revoking the number ends the run.
    expect(await (await adminCall(admin, "POST", "/admin/sessions/revoke", { msisdn: ONE.msisdn })).json()).toEqual({ revoked: 1 });
    expect((await whatsapp.exchange(token, "PIN_INPUT", { pin_to_check: ONE.pin })).status).toBe(427);
  });
});

describe("the upstream budget of one Flow request", () => {
  let stack: FlowsStack;
  beforeAll(async () => {
    stack = await startFlowsStack({ env: { NITRO_FLOWS_TIMEOUT_MS: "800" } });
  }, 120_000);
  afterAll(() => stack?.stop());

  it("answers a screen saying KRA took too long, well before a slow upstream would", async () => {
    const whatsapp = stack.whatsappClient();
    const token = await flowToken(stack.linkSecret, "what-i-owe", ONE.msisdn);
    await whatsapp.init(token);
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 5000 }, path: /liabilities/ });
    const started = Date.now();
    const owed = await whatsapp.exchange(token, "SIGN_IN", { otp: OTP });
    expect(owed.answer).toEqual({ screen: "NOTICE", data: { message: "The KRA service took too long to answer. Please try again.", done: "Done" } });
    expect(Date.now() - started).toBeLessThan(4000);
    stack.upstream.clearFaults();
  });

  it("holds the identity service's calls to the same budget (WhatsApp waits 10 s for the whole answer)", async () => {
    const whatsapp = stack.whatsappClient();
    const token = await flowToken(stack.linkSecret, "pin-checker", TWO.msisdn);
    await whatsapp.init(token);
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 5000 }, path: /validate-otp$/ });
    const started = Date.now();
    const signIn = await whatsapp.exchange(token, "SIGN_IN", { otp: OTP });
    expect(signIn.answer!.screen).toBe("NOTICE");
    expect(Date.now() - started).toBeLessThan(4000);
    stack.upstream.clearFaults();
    // The run is not lost: the same Flow message signs in with the code once the service answers in time.
    expect((await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })).answer!.screen).toBe("PIN_INPUT");
  });
});

describe("in direct identity mode", () => {
  let stack: FlowsStack;
  beforeAll(async () => {
    stack = await startFlowsStack({ env: { NITRO_IDENTITY_MODE: "direct" }, upstream: { directTokens: true } });
  }, 120_000);
  afterAll(() => stack?.stop());

  it("signs in with /init's token and shows the Flow's first screen at once, no SMS code", async () => {
    const whatsapp = stack.whatsappClient();
    const token = await flowToken(stack.linkSecret, "pin-checker", ONE.msisdn);
    stack.upstream.clearReceived();
    expect((await whatsapp.init(token)).answer!.screen).toBe("PIN_INPUT");
    expect(stack.upstream.received.filter((request) => request.path.endsWith("/otp"))).toEqual([]);
    expect((await whatsapp.exchange(token, "PIN_INPUT", { pin_to_check: ONE.pin })).answer!.screen).toBe("PIN_RESULT");
  });
});

/** A gateway whose Flows key is the given PEM; the rest as the simulated stack's, upstream unreachable. */
async function gatewayWithKey(pem: string, passphrase = ""): Promise<{ gateway: RunningGateway; appSecret: string }> {
  const port = await freePort();
  const appSecret = randomBytes(16).toString("hex");
  const env = {
    NITRO_IDENTITY_BASE_URL: "http://127.0.0.1:9/api", NITRO_UPSTREAM_BASE_URL: "http://127.0.0.1:9/api",
    NITRO_UPSTREAM_API_KEY: randomBytes(16).toString("hex"), NITRO_ENTRY_LINK_SECRET: randomBytes(32).toString("base64url"),
    NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64url"), NITRO_PUBLIC_ORIGIN: `http://localhost:${port}`,
    NITRO_FLOWS_PRIVATE_KEY: pem, NITRO_FLOWS_PRIVATE_KEY_PASSPHRASE: passphrase, NITRO_WHATSAPP_APP_SECRET: appSecret,
  };
  return { gateway: await startGateway({ env, port, expectExit: onNode }), appSecret };
}

describe("a Flows key that does not open", () => {
  const encrypted = generateFlowKey("encrypted", "right passphrase");
  const cases: [string, string, string][] = [
    ["the wrong passphrase", encrypted.privatePem, "wrong passphrase"],
    ["no passphrase for an encrypted key", encrypted.privatePem, ""],
    ["a PEM that is not a key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----", ""],
  ];
  it.each(cases)("%s: Node stops at start and workerd answers 503, naming NITRO_FLOWS_PRIVATE_KEY only", async (_, pem, passphrase) => {
    const { gateway, appSecret } = await gatewayWithKey(pem, passphrase);
    try {
      if (!onNode) {
        const whatsapp = new SimulatedWhatsAppClient({ gatewayUrl: gateway.url, publicKey: encrypted.publicKey, appSecret });
        expect((await whatsapp.ping()).status).toBe(503);
      } else {
        expect(gateway.process!.exitCode).toBe(1);
      }
      const output = gateway.output.join("\n");
      expect(output).toContain("NITRO_FLOWS_PRIVATE_KEY:");
      expect(output).not.toContain(pem.split("\n")[1]);
      if (passphrase) expect(output).not.toContain(passphrase);
    } finally {
      await gateway.stop();
    }
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { freePort, onNode, startGateway, type RunningGateway } from "../support/gateway";
import { startFlowsStack, type FlowsStack } from "../support/flows-stack";
import { OTP } from "../support/stack";
import { flowToken, generateFlowKey, SimulatedWhatsAppClient } from "../support/whatsapp-flows";

// WhatsApp Flows' switches and keys (issue 24): the `flows` pause switch and the rules' own switches answer a
// screen saying so, asking nobody; a key that does not open stops Node at start (workerd: 503), naming the variable.
const [ONE] = TEST_TAXPAYERS;
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

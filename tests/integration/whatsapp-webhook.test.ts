import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";
import { signFlowBody } from "../support/whatsapp-flows";

// Meta's webhook (issue 24, item 7): the subscription check, and a failed status for a message
// "send to my WhatsApp" sent, kept with the session so the page says it was not delivered.
const [ONE] = TEST_TAXPAYERS;
const WEBHOOK = "/whatsapp/webhook";
const appSecret = randomBytes(16).toString("hex");
const verifyToken = randomBytes(16).toString("base64url");
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack({ whatsapp: true, env: { NITRO_WHATSAPP_APP_SECRET: appSecret, NITRO_WHATSAPP_VERIFY_TOKEN: verifyToken } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());

const verify = (query: Record<string, string>) => fetch(`${stack.gateway.url}${WEBHOOK}?${new URLSearchParams(query)}`);

function statusNotification(id: string, status: string, code?: number): string {
  const statuses = [{ id, status, timestamp: "1765000000", recipient_id: ONE.msisdn, ...(code ? { errors: [{ code, title: "Re-engagement message" }] } : {}) }];
  return JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", statuses } }] }] });
}

const notify = (body: string, signature: string | null = signFlowBody(appSecret, body)) =>
  fetch(`${stack.gateway.url}${WEBHOOK}`, { method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) } });

async function undelivered(): Promise<boolean> {
  return ((await (await client.get("/session", { headers: { accept: "application/json" } })).json()) as { whatsappUndelivered: boolean }).whatsappUndelivered;
}

/** A document sent to the session's own WhatsApp: its Cloud API message id. */
async function sendInvoice(on: Stack = stack, web: GatewayClient = client): Promise<string> {
  const sale = await (await web.api("POST", "/post-sale", { json: { total_amount: 10, items: [{ item_name: "Tea", taxable_amount: 10, quantity: 1 }] } })).json();
  const [, , , , invoice, key] = new URL(sale.invoice_pdf_url).pathname.split("/");
  const sent = await web.post("/session/whatsapp/send", { json: { document: "invoice", invoice, key }, headers: { accept: "application/json" } });
  expect(sent.status).toBe(200);
  return on.whatsapp!.cloud.sent().at(-1)!.id;
}

describe("subscription check", () => {
  it("echoes the challenge for the right verify token only", async () => {
    const right = await verify({ "hub.mode": "subscribe", "hub.verify_token": verifyToken, "hub.challenge": "1158201444" });
    expect([right.status, await right.text()]).toEqual([200, "1158201444"]);
    expect((await verify({ "hub.mode": "subscribe", "hub.verify_token": `${verifyToken}x`, "hub.challenge": "1158201444" })).status).toBe(403);
    expect((await verify({ "hub.mode": "unsubscribe", "hub.verify_token": verifyToken, "hub.challenge": "1158201444" })).status).toBe(403);
    expect((await verify({ "hub.mode": "subscribe", "hub.challenge": "1158201444" })).status).toBe(403);
  });
});

describe("message statuses", () => {
  it("keeps a signed failed status with the send, and the session says so; an unsigned one changes nothing", async () => {
    const id = await sendInvoice();
    expect(await undelivered()).toBe(false);
    const body = statusNotification(id, "failed", 131047);
    expect((await notify(body, null)).status).toBe(432);
    expect((await notify(body, signFlowBody("another-app-secret", body))).status).toBe(432);
    expect(await undelivered()).toBe(false);
    expect((await notify(statusNotification(id, "delivered"))).status).toBe(200);
    expect(await undelivered()).toBe(false);
    expect((await notify(body)).status).toBe(200);
    expect(await undelivered()).toBe(true);
    // A later send that goes through clears it.
    await sendInvoice();
    expect(await undelivered()).toBe(false);
  });

  it("logs a failed status by a short hash of its id: a real message id holds the recipient's full number", async () => {
    // Meta's ids are base64 of a record that starts with the number (`wamid.HBgLMTY1MDUwNzY1MjAV…` holds 16505076520).
    const record = Buffer.concat([Buffer.from([0x1c, 0x18, 0x0c]), Buffer.from(ONE.msisdn), Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]), randomBytes(18)]);
    const id = `wamid.${record.toString("base64")}`;
    expect((await notify(statusNotification(id, "failed", 131026))).status).toBe(200);
    const lines = stack.gateway.logLines().filter((line) => line.msg === "whatsapp message failed" && line.code === 131026);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ known: false, messageHash: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/) });
    const numberInBase64 = Buffer.from(ONE.msisdn).toString("base64").slice(0, 12);
    for (const line of stack.gateway.output) {
      expect(line).not.toContain(ONE.msisdn);
      expect(line).not.toContain(id);
      expect(line).not.toContain(record.subarray(3, 12).toString("base64"));
      expect(line).not.toContain(numberInBase64);
    }
  });

  it("ignores statuses for messages it did not send, and logs ids and codes only", async () => {
    expect((await notify(statusNotification("wamid.not-ours-123", "failed", 131047))).status).toBe(200);
    expect(await undelivered()).toBe(false);
    const log = stack.gateway.output.join("\n");
    expect(log).not.toContain(ONE.msisdn);
    expect(log).not.toContain("Re-engagement message");
  });
});

describe("a status is not the user's doing", () => {
  let idle: Stack;
  beforeAll(async () => {
    idle = await startStack({
      whatsapp: true,
      env: { NITRO_WHATSAPP_APP_SECRET: appSecret, NITRO_WHATSAPP_VERIFY_TOKEN: verifyToken, NITRO_SESSION_IDLE_SECONDS: "5", NITRO_SESSION_ABSOLUTE_SECONDS: "120" },
    });
  }, 120_000);
  afterAll(() => idle?.stop());

  it("keeps no web session alive: statuses for its sends do not count as use", async () => {
    const web = await idle.signIn(ONE.msisdn);
    const body = statusNotification(await sendInvoice(idle, web), "failed", 131047);
    // Past the touch interval (a quarter of the idle time) each time, for longer than the idle time.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const answer = await fetch(`${idle.gateway.url}${WEBHOOK}`, { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signFlowBody(appSecret, body) } });
      expect(answer.status).toBe(200);
    }
    expect((await web.get("/session", { headers: { accept: "application/json" } })).status).toBe(401);
  }, 30_000);
});

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
async function sendInvoice(): Promise<string> {
  const sale = await (await client.api("POST", "/post-sale", { json: { total_amount: 10, items: [{ item_name: "Tea", taxable_amount: 10, quantity: 1 }] } })).json();
  const [, , , , invoice, key] = new URL(sale.invoice_pdf_url).pathname.split("/");
  const sent = await client.post("/session/whatsapp/send", { json: { document: "invoice", invoice, key }, headers: { accept: "application/json" } });
  expect(sent.status).toBe(200);
  return stack.whatsapp!.cloud.sent().at(-1)!.id;
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

  it("ignores statuses for messages it did not send, and logs ids and codes only", async () => {
    expect((await notify(statusNotification("wamid.not-ours-123", "failed", 131047))).status).toBe(200);
    expect(await undelivered()).toBe(false);
    const log = stack.gateway.output.join("\n");
    expect(log).not.toContain(ONE.msisdn);
    expect(log).not.toContain("Re-engagement message");
  });
});

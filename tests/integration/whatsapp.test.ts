import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PDF_BYTES, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";
import { readFiling, readPeriod, readPrn } from "../../server/shared/returns";

// "Send to my WhatsApp" (issue 11): the gateway fetches or draws the PDF, uploads it to the
// (simulated) Cloud API and sends it to the session's own number, never to a number the client names.
const [ONE, TWO] = TEST_TAXPAYERS;
const SEND = "/session/whatsapp/send";
const TIMEOUT_MS = 1500;
let stack: Stack;
let client: GatewayClient;
/** Every answer the tests saw, headers and body, for the leak check. */
const answers: string[] = [];

beforeAll(async () => {
  stack = await startStack({ whatsapp: true, env: { NITRO_WHATSAPP_TIMEOUT_MS: String(TIMEOUT_MS) } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.whatsapp!.cloud.clearFaults());

async function send(from: GatewayClient, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await from.post(SEND, { json: body, headers: { accept: "application/json" } });
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]), text);
  return { status: response.status, json: JSON.parse(text) };
}

/** A new sales invoice of `from`'s and its document address. */
async function invoiceOf(from: GatewayClient): Promise<{ invoice: string; key: string }> {
  const sale = await (await from.api("POST", "/post-sale", {
    json: { total_amount: 10, items: [{ item_name: "Tea", taxable_amount: 10, quantity: 1 }] },
  })).json();
  const [, , , , invoice, key] = new URL(sale.invoice_pdf_url).pathname.split("/");
  return { invoice, key };
}

const sentTo = () => stack.whatsapp!.cloud.sent().map((message) => message.to);

/** A PRN the upstream issues to `from`'s session (generate-prn, AHL), and its amount. */
async function prnOf(from: GatewayClient, amount = "1500"): Promise<string> {
  const answer = await from.api("POST", "/generate-prn", { json: { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount } });
  const prn = readPrn(await answer.json());
  if (!prn.ok) throw new Error(`generate-prn answered ${answer.status}`);
  return prn.value;
}

/** An acknowledgement the upstream issues to `from`'s session (a NIL return for obligation 7). */
async function ackOf(from: GatewayClient): Promise<string> {
  const period = readPeriod(await (await from.api("POST", "/obligation-filling-period", { json: { obligation_id: "7" } })).json());
  if (!period.ok) throw new Error("no filing period");
  const filed = readFiling(await (await from.api("POST", "/file-return", {
    json: { kra_obligation_id: "7", obligation_code: "7", returnPeriod: period.value.text, returnType: "nil_return", has_rental_property: "N" },
  })).json());
  if (!filed.ok || !filed.value.ack) throw new Error("no acknowledgement");
  return filed.value.ack;
}

describe("send to my WhatsApp", () => {
  it("tells the UI the feature is on", async () => {
    expect(await (await client.get("/session", { headers: { accept: "application/json" } })).json()).toMatchObject({ whatsapp: true });
  });

  it("sends the invoice PDF to the session's own number, whatever number the client sends", async () => {
    const document = await invoiceOf(client);
    const before = stack.whatsapp!.cloud.sent().length;
    const answer = await send(client, { document: "invoice", ...document, to: TWO.msisdn, msisdn: TWO.msisdn, recipient: TWO.msisdn });
    expect(answer).toEqual({ status: 200, json: { sent: true } });
    const [message] = stack.whatsapp!.cloud.sent().slice(before);
    expect(message).toMatchObject({ to: ONE.msisdn, filename: `Invoice-${document.invoice}.pdf` });
    expect(message.pdf.equals(PDF_BYTES)).toBe(true);
    expect(sentTo()).not.toContain(TWO.msisdn);
  });

  it("sends a credit note PDF the same way", async () => {
    const document = await invoiceOf(client);
    expect((await send(client, { document: "credit_note", ...document })).status).toBe(200);
    expect(stack.whatsapp!.cloud.sent().at(-1)).toMatchObject({ to: ONE.msisdn, filename: `Credit-note-${document.invoice}.pdf` });
  });

  it("draws a small PDF for an acknowledgement and a PRN the upstream issued to this session (it has no PDF for them)", async () => {
    const ackNumber = await ackOf(client);
    expect((await send(client, { document: "acknowledgement", ack: ackNumber })).status).toBe(200);
    const ack = stack.whatsapp!.cloud.sent().at(-1)!;
    expect(ack).toMatchObject({ to: ONE.msisdn, filename: `Acknowledgement-${ackNumber}.pdf` });
    expect(ack.pdf.toString("latin1")).toMatch(new RegExp(`^%PDF-1\\.4\\n[\\s\\S]*\\(Acknowledgement number: ${ackNumber}\\) Tj[\\s\\S]*%%EOF\\n$`));
    const prnNumber = await prnOf(client, "1500");
    // The amount is the upstream's: whatever the client claims is ignored.
    expect((await send(client, { document: "prn", prn: prnNumber, amount: "250000" })).status).toBe(200);
    const prn = stack.whatsapp!.cloud.sent().at(-1)!.pdf.toString("latin1");
    expect(prn).toContain(`(PRN: ${prnNumber}) Tj`);
    expect(prn).toContain("(Amount: KES 1,500) Tj");
    expect(prn).not.toContain("250,000");
    expect(prn).not.toContain(ONE.msisdn);
  });

  it("draws nothing the session did not receive: another session's PRN or a made-up one is 404 not_found, nothing sent", async () => {
    const others = await prnOf(await stack.signIn(ONE.msisdn)); // the same taxpayer, another session
    const before = stack.whatsapp!.cloud.received.length;
    for (const body of [
      { document: "prn", prn: others }, { document: "prn", prn: "112026999999999", amount: 250000 },
      { document: "acknowledgement", ack: "KRA202612020000001" },
    ]) {
      expect(await send(client, body)).toMatchObject({ status: 404, json: { error: "not_found" } });
    }
    expect(stack.whatsapp!.cloud.received.length).toBe(before);
  });

  it("keeps the last 20 numbers the session received: the 21st back is refused", async () => {
    const session = await stack.signIn(ONE.msisdn);
    const prns: string[] = [];
    for (let i = 0; i < 21; i++) prns.push(await prnOf(session, String(100 + i)));
    expect(await send(session, { document: "prn", prn: prns[0] })).toMatchObject({ status: 404, json: { error: "not_found" } });
    expect((await send(session, { document: "prn", prn: prns[20] })).status).toBe(200);
  });

  it("draws the note in Kiswahili for a taxpayer who reads the pages in Kiswahili", async () => {
    const other = await stack.signIn(ONE.msisdn);
    const prnNumber = await prnOf(other);
    const response = await other.post(SEND, { json: { document: "prn", prn: prnNumber }, headers: { accept: "application/json", "accept-language": "sw" } });
    expect(response.status).toBe(200);
    const prn = stack.whatsapp!.cloud.sent().at(-1)!.pdf.toString("latin1");
    expect(prn).toContain("(Nambari ya usajili wa malipo \\(PRN\\)) Tj");
    expect(prn).toContain("(Kiasi: KES 1,500) Tj");
    expect(prn).toContain("(Tumia PRN hii kama nambari ya akaunti unapolipa.) Tj");
    expect(prn).not.toContain("Amount");
  });

  it("refuses a document it cannot name: 400, and nothing is sent", async () => {
    const before = stack.whatsapp!.cloud.received.length;
    for (const body of [{ document: "invoice", invoice: "../../x", key: "KEY0123456789ABCD" }, { document: "payslip" }, { document: "prn", prn: "abc" }]) {
      expect(await send(client, body)).toMatchObject({ status: 400, json: { error: "invalid_body" } });
    }
    expect(stack.whatsapp!.cloud.received.length).toBe(before);
  });

  it("needs an active session and a same-origin request", async () => {
    const stranger = stack.client();
    expect(await send(stranger, { document: "acknowledgement", ack: "KRA1234" })).toMatchObject({ status: 401, json: { error: "session_required" } });
    const crossSite = await client.post(SEND, { json: { document: "acknowledgement", ack: "KRA1234" }, sameOrigin: false, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
  });

  it("answers a missing invoice with 404 and sends nothing", async () => {
    const before = stack.whatsapp!.cloud.received.length;
    expect(await send(client, { document: "invoice", invoice: "INVNOPENOP", key: "KEY0123456789ABCD" })).toMatchObject({ status: 404 });
    expect(stack.whatsapp!.cloud.received.length).toBe(before);
  });

  it("maps KRA's own failures on the PDF like the proxy: 503 → 502, 401 → the session ends", async () => {
    const session = await stack.signIn(ONE.msisdn);
    const document = await invoiceOf(session);
    const path = `/public/etims/invoice/${document.invoice}/`;
    stack.upstream.addFault({ fault: { kind: "html503" }, path, times: 1 });
    expect(await send(session, { document: "invoice", ...document })).toMatchObject({ status: 502, json: { error: "upstream_unavailable" } });
    stack.upstream.addFault({ fault: { kind: "unauthorized" }, path, times: 1 });
    expect(await send(session, { document: "invoice", ...document })).toMatchObject({ status: 401, json: { error: "session_expired" } });
    expect(session.sessionId).toBeUndefined();
    stack.upstream.clearFaults();
  });

  it("says plainly when the 24-hour window is closed", async () => {
    const other = await stack.signIn(TWO.msisdn);
    stack.whatsapp!.cloud.closeWindow(TWO.msisdn);
    const answer = await send(other, { document: "invoice", ...(await invoiceOf(other)) });
    expect(answer).toMatchObject({ status: 409, json: { error: "whatsapp_window_closed" } });
    expect(answer.json.message).toMatch(/24 hours.*Tap the latest link in the chat again/);
    expect(JSON.stringify(answer.json)).not.toMatch(/131047|Re-engagement|fbtrace/);
  });

  it("allows at most 10 sends per session: the 11th is 429", async () => {
    const session = await stack.signIn(ONE.msisdn);
    const before = stack.whatsapp!.cloud.sent().length;
    const prnNumber = await prnOf(session);
    for (let i = 0; i < 10; i++) expect((await send(session, { document: "prn", prn: prnNumber })).status).toBe(200);
    expect(await send(session, { document: "prn", prn: prnNumber })).toMatchObject({ status: 429, json: { error: "whatsapp_limit" } });
    expect(stack.whatsapp!.cloud.sent().length).toBe(before + 10);
  });

  describe("Cloud API failures become one generic error", () => {
    const cases = [
      ["a hang on the upload (timeout)", { kind: "hang" }, "media"],
      ["an HTML 503 on the message", { kind: "html503" }, "messages"],
      ["a Graph 500 on the message", { kind: "status", status: 500, body: '{"error":{"message":"Internal x","code":1,"fbtrace_id":"Az"}}' }, "messages"],
      ["a reset connection on the upload", { kind: "refuse" }, "media"],
      ["a rejected access token", { kind: "status", status: 401, body: '{"error":{"message":"Invalid OAuth access token","code":190}}' }, "media"],
    ] as const;
    it.each(cases)("%s → 502 whatsapp_unavailable", async (_name, fault, endpoint) => {
      stack.whatsapp!.cloud.addFault({ fault, path: new RegExp(`/${endpoint}$`), times: 1 });
      const document = await invoiceOf(client);
      const started = Date.now();
      const answer = await send(client, { document: "invoice", ...document });
      expect(answer).toMatchObject({ status: 502, json: { error: "whatsapp_unavailable" } });
      expect(JSON.stringify(answer.json)).not.toMatch(/graph|fbtrace|Internal x|OAuth|127\.0\.0\.1/i);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
    });
  });

  it("never shows the access token in a log line or an answer, and sends it only to the Cloud API", async () => {
    const { accessToken, cloud } = stack.whatsapp!;
    expect(stack.gateway.output.join("\n")).not.toContain(accessToken);
    expect(answers.join("\n")).not.toContain(accessToken);
    expect(answers.join("\n")).not.toMatch(/KEY0123456789ABCD|\/public\/etims/);
    for (const request of stack.upstream.received) expect(JSON.stringify(request)).not.toContain(accessToken);
    const withToken = cloud.received.filter((request) => request.headers.authorization === `Bearer ${accessToken}`);
    expect(withToken.length).toBe(cloud.received.length);
    // …and nothing of KRA's goes to Meta: no upstream token or API key.
    const toMeta = JSON.stringify(cloud.received.map((request) => [request.headers, request.body.slice(0, 2000)]));
    for (const secret of [stack.apiKey, ...stack.upstream.tokensIssued()]) expect(toMeta).not.toContain(secret);
  });
});

describe("with NITRO_WHATSAPP_* unset", () => {
  let off: Stack;
  beforeAll(async () => {
    off = await startStack();
  });
  afterAll(() => off?.stop());

  it("answers 404 and tells the UI to hide the button", async () => {
    const signedIn = await off.signIn(ONE.msisdn);
    expect(await (await signedIn.get("/session", { headers: { accept: "application/json" } })).json()).toMatchObject({ whatsapp: false });
    const response = await signedIn.post(SEND, { json: { document: "acknowledgement", ack: "KRA1234" }, headers: { accept: "application/json" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });
});

describe("with the whatsapp service paused", () => {
  let paused: Stack;
  beforeAll(async () => {
    paused = await startStack({ whatsapp: true, env: { NITRO_PAUSED_SERVICES: "whatsapp" } });
  });
  afterAll(() => paused?.stop());

  it("answers 503 service_paused with Retry-After, sends nothing and hides the button", async () => {
    const signedIn = await paused.signIn(ONE.msisdn);
    const view = await (await signedIn.get("/session", { headers: { accept: "application/json" } })).json();
    expect(view).toMatchObject({ whatsapp: false, paused: ["whatsapp"] });
    const response = await signedIn.post(SEND, { json: { document: "acknowledgement", ack: "KRA1234" }, headers: { accept: "application/json" } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ error: "service_paused" });
    expect(paused.whatsapp!.cloud.received).toHaveLength(0);
  });
});

describe("with the etims service paused", () => {
  let paused: Stack;
  beforeAll(async () => {
    paused = await startStack({ whatsapp: true, env: { NITRO_PAUSED_SERVICES: "etims" } });
  });
  afterAll(() => paused?.stop());

  it("fetches no invoice or credit note PDF to send: 503 service_paused, nothing asked of the documents service", async () => {
    const signedIn = await paused.signIn(ONE.msisdn);
    paused.upstream.clearReceived();
    for (const document of ["invoice", "credit_note"]) {
      const response = await signedIn.post(SEND, {
        json: { document, invoice: "INVABCDEFG", key: "KEY0123456789ABCD" }, headers: { accept: "application/json" },
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: "service_paused" });
    }
    expect(paused.upstream.receivedOn("/public/etims/")).toEqual([]);
    expect(paused.whatsapp!.cloud.received).toHaveLength(0);
  });

  it("spends none of the session's sends on those refusals: a drawn note still goes after more than 10 of them", async () => {
    const signedIn = await paused.signIn(ONE.msisdn);
    const headers = { accept: "application/json" };
    for (let i = 0; i < 11; i++) {
      const refused = await signedIn.post(SEND, { json: { document: "invoice", invoice: "INVABCDEFG", key: "KEY0123456789ABCD" }, headers });
      expect(refused.status).toBe(503);
    }
    expect((await signedIn.post(SEND, { json: { document: "prn", prn: await prnOf(signedIn) }, headers })).status).toBe(200);
  });
});

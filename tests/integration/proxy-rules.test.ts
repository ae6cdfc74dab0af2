import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OTHER_PARTIES, PDF_BYTES, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

const [ONE, TWO] = TEST_TAXPAYERS;
const SELLER = TEST_SELLER;
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearReceived());

const lastUpstream = (path: string) => stack.upstream.receivedOn(`/api/ussd${path}`).at(-1)!;
const sale = (overrides: Record<string, unknown> = {}) => ({
  customer_pin: OTHER_PARTIES[0].pin,
  customer_name: OTHER_PARTIES[0].name,
  total_amount: 250,
  items: [{ item_name: "Maize flour 2kg", taxable_amount: 125, quantity: 2 }],
  ...overrides,
});

describe("every allowlisted call reaches exactly its upstream endpoint", () => {
  it("buyer lookup", async () => {
    const response = await client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: OTHER_PARTIES[0].pin.toLowerCase() } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 3, pin: OTHER_PARTIES[0].pin });
    const received = lastUpstream("/buyer-initiated/lookup");
    expect(received.method).toBe("POST");
    expect(JSON.parse(received.body)).toEqual({ pin_or_id: OTHER_PARTIES[0].pin });
  });

  it("sales invoice, with the session's number and nothing the schema does not know", async () => {
    const response = await client.api("POST", "/post-sale", {
      json: sale({ msisdn: TWO.msisdn, source: "whatsapp", injected: "<script>", items: [{ item_name: "Maize flour 2kg", taxable_amount: 125, quantity: 2, evil: 1 }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 8 });
    const body = JSON.parse(lastUpstream("/post-sale").body);
    expect(body).toEqual({
      msisdn: ONE.msisdn, customer_pin: OTHER_PARTIES[0].pin, pin: OTHER_PARTIES[0].pin, customer_name: OTHER_PARTIES[0].name,
      total_amount: 250, items: [{ item_name: "Maize flour 2kg", taxable_amount: 125, quantity: 2 }], source: "whatsapp",
    });
  });

  it("buyer-initiated invoice, list, and the seller's accept", async () => {
    const created = await client.api("POST", "/buyer-initiated/submit/invoice", {
      json: { seller_pin: SELLER.pin, seller_msisdn: SELLER.msisdn, total_amount: 300, items: [{ item_name: "Transport", taxable_amount: 300, quantity: 1 }] },
    });
    expect(created.status).toBe(200);
    const { invoice_no } = await created.json();
    expect(invoice_no).toMatch(/^BI-/);
    expect(JSON.parse(lastUpstream("/buyer-initiated/submit/invoice").body).msisdn).toBe(ONE.msisdn);

    const list = await client.api("GET", "/buyer-initiated/fetch?status=awaiting_approval&page=1&page_size=10");
    expect(list.status).toBe(200);
    expect((await list.json()).invoices.entries.map((e: { invoice_number: string }) => e.invoice_number)).toContain(invoice_no);
    const fetched = lastUpstream("/buyer-initiated/fetch");
    expect(fetched.path).toBe(`/api/ussd/buyer-initiated/fetch/${ONE.msisdn}`);
    expect(fetched.query).toEqual({ page: "1", page_size: "10", status: "awaiting_approval", actor: "buyer", source: "whatsapp" });

    stack.upstream.registerTaxpayer(SELLER.msisdn, SELLER.name);
    const seller = await stack.signIn(SELLER.msisdn);
    const accepted = await seller.api("POST", "/buyer-initiated/action/submit", { json: { action: "accept", invoice: invoice_no, msisdn: ONE.msisdn } });
    expect(accepted.status).toBe(200);
    expect(JSON.parse(lastUpstream("/buyer-initiated/action/submit").body)).toEqual({ action: "accept", invoice: invoice_no, msisdn: SELLER.msisdn });
  });

  it("buyer-initiated invoice naming the buyer as its own seller (number or PIN): 400, nothing forwarded", async () => {
    const items = [{ item_name: "Transport", taxable_amount: 300, quantity: 1 }];
    for (const seller of [{ seller_pin: SELLER.pin, seller_msisdn: ONE.msisdn }, { seller_pin: ONE.pin }]) {
      const response = await client.api("POST", "/buyer-initiated/submit/invoice", { json: { ...seller, total_amount: 300, items } });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toBe("invalid_body");
      expect(body.fields.map((field: { path: string }) => field.path)).toEqual([Object.keys(seller).at(-1)]);
    }
    expect(stack.upstream.receivedOn("/api/ussd/buyer-initiated/submit/invoice")).toEqual([]);
  });

  it("credit notes: search, full and partial, with the invoice number's suffix on submit", async () => {
    const { invoice_no } = await (await client.api("POST", "/post-sale", {
      json: sale({ total_amount: 500, items: [{ item_name: "Soap", taxable_amount: 50, quantity: 6 }, { item_name: "Salt", taxable_amount: 100, quantity: 2 }] }),
    })).json();
    const search = await client.api("POST", "/search/credit-note", { json: { invoice_no } });
    expect(search.status).toBe(200);
    const found = await search.json();
    expect(found).toMatchObject({ code: 14, invoice_no });
    const suffix = Number(invoice_no.split("/").pop());
    const partial = await client.api("POST", "/submit/partial-credit-note", {
      json: { invoice_no, reason: "damaged", items: [{ item_id: found.items[0].id, quantity: 1, item_name: "Soap", item_price: 50 }] },
    });
    expect(partial.status).toBe(200);
    expect(JSON.parse(lastUpstream("/submit/partial-credit-note").body)).toMatchObject({
      msisdn: ONE.msisdn, invoice_no: suffix, reason: "damaged", items: [{ item_id: found.items[0].id, id: found.items[0].id, quantity: 1 }],
    });
    const full = await client.api("POST", "/submit/credit-note", { json: { invoice_no, reason: "refund" } });
    expect(full.status).toBe(200);
    expect(JSON.parse(lastUpstream("/submit/credit-note").body)).toEqual({ msisdn: ONE.msisdn, invoice_no: suffix, reason: "refund", full: true });
  });

  it("streams the invoice PDF with its type, length, name and etag, and answers 304 to a matching If-None-Match", async () => {
    const { invoice_pdf_url } = await (await client.api("POST", "/post-sale", { json: sale() })).json();
    const path = new URL(invoice_pdf_url).pathname;
    const response = await client.api("GET", path, { headers: { accept: "application/pdf" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/filename="INV[A-Z]{7}\.pdf"/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(PDF_BYTES)).toBe(true);
    expect(Number(response.headers.get("content-length"))).toBe(PDF_BYTES.length);
    const received = stack.upstream.receivedOn(path).at(-1)!;
    expect(received.headers.authorization).toMatch(/^Bearer /);
    expect(received.url).toBe(path);
    const again = await client.api("GET", path, { headers: { "if-none-match": response.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("names a downloaded document after its invoice, never by the upstream's Content-Disposition (issue 21 item 9)", async () => {
    // The upstream's answer is the fault's, so no sale is needed (another would change the invoice numbers other tests search).
    const invoice = "INVNAMING";
    const path = `/public/etims/invoice/${invoice}/KEY0123456789ABCD`;
    const pdf = { "content-type": "application/pdf" };
    for (const upstreamName of ['inline; filename="document.pdf"', 'attachment; filename="../../etc/x.sh"', undefined]) {
      const headers = upstreamName ? { ...pdf, "content-disposition": upstreamName } : pdf;
      stack.upstream.addFault({ path, times: 1, fault: { kind: "status", status: 200, body: "%PDF-1.4\n%%EOF\n", headers } });
      const response = await client.api("GET", path, { headers: { accept: "application/pdf" } });
      expect(response.status, upstreamName).toBe(200);
      expect(response.headers.get("content-disposition"), upstreamName).toBe(`attachment; filename="${invoice}.pdf"`);
      expect(await response.text()).toBe("%PDF-1.4\n%%EOF\n");
    }
    // A refused document carries no name: the gateway's own error, not a download.
    stack.upstream.addFault({ path, times: 1, fault: { kind: "status", status: 404, body: JSON.stringify({ message: "not found" }) } });
    const missing = await client.api("GET", path, { headers: { accept: "application/pdf" } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-disposition")).toBeNull();
  });
});

describe("identity binding", () => {
  it("always sends the session's number, whatever the body says", async () => {
    const tries = [TWO.msisdn, "254799999999", 254700000002, null, ["254700000002"]];
    for (const [i, msisdn] of tries.entries()) {
      const response = await client.api("POST", "/search/credit-note", { json: { invoice_no: "1004", msisdn } });
      expect(response.status, JSON.stringify(msisdn)).toBe(422); // the upstream's answer: it was forwarded
      const received = stack.upstream.receivedOn("/api/ussd/search/credit-note");
      expect(received).toHaveLength(i + 1);
      expect(JSON.parse(received[i].body).msisdn).toBe(ONE.msisdn);
    }
  });

  it("never lets the client choose the number in the path", async () => {
    const response = await client.api("GET", `/buyer-initiated/fetch/${TWO.msisdn}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toBe("not_found"); // the gateway's own 404, not the upstream's
    const byQuery = await client.api("GET", `/buyer-initiated/fetch?msisdn=${TWO.msisdn}`);
    expect(byQuery.status).toBe(400);
    expect((await byQuery.json()).error).toBe("invalid_query");
    expect(stack.upstream.receivedOn("/api/ussd/buyer-initiated/fetch")).toEqual([]);
  });
});

describe("bodies are validated at the edge", () => {
  it.each([
    ["a negative amount", { total_amount: -1 }, "total_amount"],
    ["no items", { items: [] }, "items"],
    ["a total that does not add up", { total_amount: 999 }, "total_amount"],
    ["markup in a name", { items: [{ item_name: "<img src=x>", taxable_amount: 125, quantity: 2 }] }, "items.0.item_name"],
    ["a malformed PIN", { customer_pin: "X123" }, "customer_pin"],
  ])("refuses %s with 400 and the field's path, forwarding nothing", async (_, change, path) => {
    const response = await client.api("POST", "/post-sale", { json: sale(change) });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid_body");
    expect(body.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(JSON.stringify(body)).not.toContain("<img");
    expect(stack.upstream.received).toEqual([]);
  });

  it("refuses broken JSON, non-objects and other content types", async () => {
    const raw = (body: string, type = "application/json") => fetch(`${stack.gateway.url}/api/post-sale`, {
      method: "POST",
      body,
      headers: { "content-type": type, origin: stack.origin, "x-csrf": "1", cookie: `__Host-session=${client.sessionId}` },
    });
    expect((await (await raw("{not json")).json()).error).toBe("invalid_json");
    expect((await (await raw("[1,2]")).json()).error).toBe("invalid_json");
    expect((await raw("a=1", "application/x-www-form-urlencoded")).status).toBe(415);
    expect(stack.upstream.received).toEqual([]);
  });

  it("names refused fields by path only, never echoing a client's key or value", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const query = await client.api("GET", `/buyer-initiated/fetch?${new URLSearchParams({ [hostile]: "1", status: hostile })}`);
    expect(query.status).toBe(400);
    const queryBody = await query.json();
    expect(queryBody.error).toBe("invalid_query");
    const body = await client.api("POST", "/buyer-initiated/action/submit", { json: { action: hostile, invoice: hostile, [hostile]: hostile } });
    expect(body.status).toBe(400);
    const bodyBody = await body.json();
    expect(bodyBody.fields.map((f: { path: string }) => f.path).sort()).toEqual(["action", "invoice"]);
    for (const answer of [queryBody, bodyBody]) {
      const text = JSON.stringify(answer);
      expect(text).not.toMatch(/img|onerror|alert/);
      for (const field of answer.fields) expect(field.message).toMatch(/^[a-z][a-z0-9 ,()-]*$/i);
    }
    expect(stack.upstream.received).toEqual([]);
  });

  it("refuses an invalid query", async () => {
    for (const query of ["page=0", "page_size=1000", "status=deleted", "page=1&page=2", "actor=admin"]) {
      const response = await client.api("GET", `/buyer-initiated/fetch?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error).toBe("invalid_query");
    }
    expect(stack.upstream.received).toEqual([]);
  });
});

describe("upstream business errors pass through as data", () => {
  it("keeps a 422 with its numeric code and message", async () => {
    const response = await client.api("POST", "/search/credit-note", { json: { invoice_no: "KRASRN000000000/9999" } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ code: 13, message: "Invalid Invoice Number" });
  });

  it("keeps the empty-list 404 of the invoice listing", async () => {
    const fresh = await stack.signIn(TWO.msisdn);
    const response = await fresh.api("GET", "/buyer-initiated/fetch?status=rejected");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 19, message: "No Invoices Found" });
  });
});

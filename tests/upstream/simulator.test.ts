import { spawn } from "node:child_process";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInternals } from "./internals";
import {
  PDF_BYTES,
  startSimulatedUpstream,
  TEST_TAXPAYERS,
  type SimulatedUpstream,
} from "./index";

const SELLER = TEST_TAXPAYERS[0]!; // 254700000001
const BUYER = TEST_TAXPAYERS[1]!; // 254700000002
const SUPPLIER_MSISDN = "254700000003"; // owner of seller PIN A000000007G
const PHOENIX_500 = { errors: { detail: "Internal Server Error" } };
const UNAUTHORIZED = { errors: { detail: "Unauthorized" } };

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

function postJson(url: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return call(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function getWithToken(url: string, token?: string, headers: Record<string, string> = {}) {
  return call(url, { headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers });
}

/** Sends bytes exactly as given and returns everything the server wrote back. */
function rawExchange(baseUrl: string, request: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(chunk as Buffer)); // no encoding set: always a Buffer
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
  });
}

async function streamedByteCount(response: Response): Promise<number> {
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) total += chunk.length;
  return total;
}

const sampleSale = (overrides: Record<string, unknown> = {}) => ({
  msisdn: SELLER.msisdn,
  total_amount: 100, // deliberately not 10 × 100 + 2 × 50: upstream does not check totals
  items: [
    { item_name: "USSD ITEM", taxable_amount: 100, quantity: 10 },
    { item_name: "SECOND ITEM", taxable_amount: 50, quantity: 2 },
  ],
  customer_pin: "A000000008H",
  ...overrides,
});

describe("simulated upstream (default mode)", () => {
  let up: SimulatedUpstream;
  let u: string;
  let sellerToken: string;
  let buyerToken: string;

  beforeAll(async () => {
    up = await startSimulatedUpstream({
      otp: "OTPXYZ",
      extraResponseHeaders: { "x-powered-by": "Phoenix", "set-cookie": "_upstream=1; path=/" },
    });
    u = up.upstreamBaseUrl;
    sellerToken = up.issueToken(SELLER.msisdn);
    buyerToken = up.issueToken(BUYER.msisdn);
  });
  afterAll(() => up.close());

  describe("transport", () => {
    it("answers with Cowboy/Phoenix headers and an exact content-length", async () => {
      const response = await fetch(`${up.identityBaseUrl}/init`, { method: "POST", body: "{}" });
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get("server")).toBe("Cowboy");
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("max-age=0, private, must-revalidate");
      expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(Number(response.headers.get("content-length"))).toBe(body.length);
    });

    it("adds extraResponseHeaders to every answer", async () => {
      const response = await fetch(`${up.url}/nowhere`);
      expect(response.headers.get("x-powered-by")).toBe("Phoenix");
      expect(response.headers.getSetCookie()).toEqual(["_upstream=1; path=/"]);
    });

    it("gives distinct request ids", async () => {
      const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${up.url}/x`)).headers.get("x-request-id")));
      expect(new Set(ids).size).toBe(3);
    });

    it("answers unknown paths and methods with Phoenix's 404", async () => {
      expect(await call(`${up.url}/api/ussd/nope`)).toMatchObject({ status: 404, json: { errors: { detail: "Not Found" } } });
      expect((await call(`${u}/init`)).status).toBe(404); // GET on a POST route
    });

    it("answers malformed or non-object JSON with 400", async () => {
      const bad = { status: 400, json: { errors: { detail: "Bad Request" } } };
      expect(await postJson(`${u}/init`, "{not json")).toMatchObject(bad);
      expect(await postJson(`${u}/init`, "[1,2]")).toMatchObject(bad);
      expect(await postJson(`${u}/post-sale`, "msisdn=2547", sellerToken)).toMatchObject(bad);
    });

    it("writes JSON keys sorted, like Phoenix's encoder", async () => {
      const response = await fetch(`${u}/buyer-initiated/lookup`, {
        method: "POST",
        headers: { authorization: `Bearer ${sellerToken}` },
        body: JSON.stringify({ pin_or_id: "A000000001A" }),
      });
      expect(await response.text()).toBe(
        '{"code":3,"id_number":"10000001","internal_note":"internal: reconcile manually, do not show","message":"Valid ID Number",' +
          '"msisdn":"254700000001","name":"TEST TAXPAYER ONE","obligations":[],"pin":"A000000001A","requested_by_msisdn":"254711000099",' +
          '"service_token":"eyJhbGciOiJIUzI1NiJ9.internal-service-token.c2lnbmF0dXJl"}',
      );
    });
  });

  describe("identity", () => {
    it("/init tells registered from unregistered numbers, in both formats", async () => {
      expect((await postJson(`${u}/init`, { msisdn: "254700000004" })).json).toEqual({
        code: 1, message: "Tax Payer registered", name: "TEST TAXPAYER FOUR",
        has_etims: true, has_vat: false, entities: [{ name: "TEST TAXPAYER FOUR", pin: "A000000004D" }],
      });
      expect((await postJson(`${u}/init`, { msisdn: "0700000005" })).json.name).toBe("TEST TAXPAYER FIVE");
      expect(await postJson(`${u}/init`, { msisdn: "254799999999" })).toMatchObject({
        status: 200, json: { code: 0, message: "Tax Payer not registered" },
      });
    });

    it("/otp texts any Kenyan mobile number (the sign-up page's OTP), and answers 422 code 0 for anything else", async () => {
      for (const msisdn of ["0700000005", "254799999999"]) {
        expect(await postJson(`${u}/otp`, { msisdn })).toMatchObject({ status: 200, json: { message: "OTP sent successfully" } });
      }
      expect(await postJson(`${u}/otp`, { msisdn: "12345" })).toMatchObject({
        status: 422, json: { code: 0, message: "Tax Payer not registered" },
      });
    });

    it("/validate-otp needs a prior /otp and the right code (any case), then issues a working token", async () => {
      const msisdn = "254700000004";
      const invalid = { status: 200, json: { code: 0, message: "Invalid OTP" } };
      expect(await postJson(`${u}/validate-otp`, { msisdn, otp: "OTPXYZ" })).toMatchObject(invalid);
      await postJson(`${u}/otp`, { msisdn: "0700000004" });
      expect(await postJson(`${u}/validate-otp`, { msisdn, otp: "WRONG1" })).toMatchObject(invalid);
      const verified = await postJson(`${u}/validate-otp`, { msisdn, otp: "otpxyz" });
      expect(verified.json).toMatchObject({ code: 1, message: "OTP verified" });
      const token: string = verified.json.token;
      expect(up.tokensIssued()).toContain(token);
      const lookup = await postJson(`${u}/buyer-initiated/lookup`, { pin_or_id: "10000008" }, token);
      expect(lookup.json).toEqual(withInternals({
        code: 3, message: "Valid ID Number", name: "KRA USSD USER ETIMS", obligations: [], pin: "A000000008H", id_number: "10000008", msisdn: null,
      }));
    });

    it("issues JWT-shaped tokens for the msisdn with the configured lifetime", () => {
      const [header, payload, signature] = up.issueToken("0700000002").split(".");
      expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      expect(claims).toMatchObject({ sub: "254700000002" });
      expect(claims.exp - claims.iat).toBe(600);
      expect(typeof claims.jti).toBe("string");
      expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("registerTaxpayer adds a number that can sign in", async () => {
      up.registerTaxpayer("0711000111", "NEW TAXPAYER");
      expect((await postJson(`${u}/init`, { msisdn: "254711000111" })).json.name).toBe("NEW TAXPAYER");
    });
  });

  describe("tax API authorisation", () => {
    const lookup = (token?: string) => postJson(`${u}/buyer-initiated/lookup`, { pin_or_id: "A000000001A" }, token);

    it("rejects a missing, forged or expired token with 401", async () => {
      expect(await lookup()).toMatchObject({ status: 401, json: UNAUTHORIZED });
      const [head, payload] = sellerToken.split(".");
      expect((await lookup(`${head}.${payload}.forged`)).status).toBe(401);
      const shortLived = up.issueToken(SELLER.msisdn, 0.05);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await lookup(shortLived)).status).toBe(401);
    });

    it("rejects revoked tokens, per msisdn", async () => {
      const doomed = up.issueToken("254700000005");
      const other = up.issueToken("254700000004");
      expect((await lookup(doomed)).status).toBe(200);
      up.revokeTokens("0700000005");
      expect((await lookup(doomed)).status).toBe(401);
      expect((await lookup(other)).status).toBe(200);
    });
  });

  describe("eTIMS sales invoices", () => {
    it("looks up by PIN or ID, 422 code 4 otherwise", async () => {
      const byId = await postJson(`${u}/buyer-initiated/lookup`, { pin_or_id: "10000001" }, sellerToken);
      expect(byId.json).toMatchObject({ code: 3, name: "TEST TAXPAYER ONE", pin: "A000000001A" });
      expect(await postJson(`${u}/buyer-initiated/lookup`, { pin_or_id: "A999999999Z" }, sellerToken)).toMatchObject({
        status: 422, json: { code: 4, message: "Invalid ID Number" },
      });
    });

    it("creates an invoice with a number and a private PDF", async () => {
      const created = await postJson(`${u}/post-sale`, sampleSale(), sellerToken);
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ code: 8, message: "Etims Invoice Created Successfully" });
      expect(created.json.invoice_no).toMatch(/^KRASRN000006245\/\d+$/);
      const pdfPattern = new RegExp(`^${up.documentsBaseUrl}/public/etims/invoice/INV[A-Z]{7}/[A-Z0-9]{16}$`);
      expect(created.json.invoice_pdf_url).toMatch(pdfPattern);
    });

    it("fails with 422 code 10 on missing or empty items and an item named FAIL", async () => {
      const failed = { status: 422, json: { code: 10, message: "Unable to Create Etims Invoice" } };
      expect(await postJson(`${u}/post-sale`, sampleSale({ items: [] }), sellerToken)).toMatchObject(failed);
      expect(await postJson(`${u}/post-sale`, sampleSale({ items: undefined }), sellerToken)).toMatchObject(failed);
      const failing = sampleSale({ items: [{ item_name: "FAIL", taxable_amount: 1, quantity: 1 }] });
      expect(await postJson(`${u}/post-sale`, failing, sellerToken)).toMatchObject(failed);
    });
  });

  describe("invoice PDFs", () => {
    let pdfUrl: string;
    beforeAll(async () => {
      pdfUrl = (await postJson(`${u}/post-sale`, sampleSale(), sellerToken)).json.invoice_pdf_url;
    });

    it("serves sales-invoice PDFs only with a valid Bearer", async () => {
      expect(await call(pdfUrl)).toMatchObject({ status: 401, json: UNAUTHORIZED });
      expect((await fetch(pdfUrl, { method: "HEAD" })).status).toBe(401);
      const response = await fetch(pdfUrl, { headers: { authorization: `Bearer ${sellerToken}` } });
      const bytes = Buffer.from(await response.arrayBuffer());
      const inv = pdfUrl.split("/").at(-2);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(`inline; filename="${inv}.pdf"`);
      expect(Number(response.headers.get("content-length"))).toBe(PDF_BYTES.length);
      expect(bytes.equals(PDF_BYTES)).toBe(true);
      expect(bytes.subarray(0, 8).toString()).toBe("%PDF-1.4");
    });

    it("answers HEAD without a body, and 304 for a matching If-None-Match", async () => {
      const auth = { authorization: `Bearer ${sellerToken}` };
      const head = await fetch(pdfUrl, { method: "HEAD", headers: auth });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-length")).toBe(String(PDF_BYTES.length));
      const etag = head.headers.get("etag")!;
      expect(etag).toMatch(/^".+"$/);
      const cached = await fetch(pdfUrl, { headers: { ...auth, "if-none-match": etag } });
      expect(cached.status).toBe(304);
      expect((await fetch(pdfUrl, { headers: { ...auth, "if-none-match": '"other"' } })).status).toBe(200);
    });

    it("answers 404 for unknown documents", async () => {
      expect((await getWithToken(`${up.url}/public/etims/invoice/INVAAAAAAA/0000000000000000`, sellerToken)).status).toBe(404);
    });
  });

  describe("buyer-initiated invoices", () => {
    const submit = (body: Record<string, unknown>) => postJson(`${u}/buyer-initiated/submit/invoice`, body, buyerToken);
    const biBody = (total: number) => ({
      msisdn: BUYER.msisdn,
      seller_pin: "A000000007G",
      seller_msisdn: SUPPLIER_MSISDN,
      total_amount: total,
      items: [{ item_name: "USSD ITEM ONE", taxable_amount: 100, quantity: total / 100 }],
      supplier_name: "Seller Ltd",
      source: "whatsapp",
    });
    const fetchList = (msisdn: string, query: string) => getWithToken(`${u}/buyer-initiated/fetch/${msisdn}?${query}`, buyerToken);
    let first: string;
    let second: string;

    beforeAll(async () => {
      first = (await submit(biBody(1000))).json.invoice_no;
      second = (await submit(biBody(3000))).json.invoice_no;
    });

    it("creates invoices with code 17 and a BI reference", async () => {
      const created = await submit(biBody(500));
      expect(created).toMatchObject({ status: 200, json: { code: 17, message: "Buyer Initiated Invoice Created Successfully" } });
      expect(created.json.invoice_no).toMatch(/^BI-[A-Z]{6}$/);
    });

    it("crashes (Phoenix 500) when buyer_pin is sent instead of seller_pin, as recorded", async () => {
      const { seller_pin: _dropped, ...body } = biBody(150);
      expect(await submit({ ...body, buyer_pin: "A000000001A" })).toMatchObject({ status: 500, json: PHOENIX_500 });
    });

    it("lists the buyer's invoices newest first, paginated, in the §5.2 entry shape", async () => {
      const listed = await fetchList(BUYER.msisdn, "page=1&page_size=2&source=whatsapp");
      expect(listed.json).toMatchObject({ code: 20, message: "Invoices Found", invoices: { total_entries: 3 } });
      const [entry] = listed.json.invoices.entries;
      expect(listed.json.invoices.entries).toHaveLength(2);
      expect(entry).toMatchObject({
        status: "awaiting_approval", buyer_name: BUYER.name, buyer_msisdn: BUYER.msisdn, seller_name: "Seller Ltd",
        supplier_msisdn: SUPPLIER_MSISDN, supplier_pin: "A000000007G", total_amount: 500,
        items: [{ item_name: "USSD ITEM ONE", quantity: 5, unit_price: 100, total: 500 }],
      });
      expect(entry.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(entry.created_at))).toBe(false);
      expect(entry).not.toHaveProperty("invoice_pdf_url");
      const lastPage = await fetchList(BUYER.msisdn, "page=2&page_size=2");
      expect(lastPage.json.invoices.entries.map((e: any) => e.invoice_number)).toEqual([first]);
    });

    it("lists by supplier with actor=supplier and filters by status", async () => {
      const asSupplier = await fetchList(SUPPLIER_MSISDN, "actor=supplier&status=awaiting_approval");
      expect(asSupplier.json.invoices.total_entries).toBe(3);
      expect((await fetchList(SUPPLIER_MSISDN, "actor=buyer")).json).toEqual(withInternals({ code: 19, message: "No Invoices Found" }));
      expect((await fetchList(SUPPLIER_MSISDN, "actor=supplier&status=rejected")).status).toBe(404);
    });

    it("accepts and rejects as the supplier; an accepted invoice gets a public PDF", async () => {
      const act = (action: string, invoice: string, msisdn = SUPPLIER_MSISDN) =>
        postJson(`${u}/buyer-initiated/action/submit`, { action, msisdn, invoice }, buyerToken);
      expect(await act("accept", first)).toMatchObject({ status: 200, json: { message: "ok" } });
      expect(await act("reject", `${second}; KES 3000; KRA TEST USER ITAX`)).toMatchObject({ status: 200 });
      const accepted = await fetchList(SUPPLIER_MSISDN, "actor=supplier&status=accepted");
      const [entry] = accepted.json.invoices.entries;
      expect(entry).toMatchObject({ invoice_number: first, status: "accepted" });
      expect((await fetch(entry.invoice_pdf_url)).status).toBe(200);
      expect((await fetchList(BUYER.msisdn, "status=rejected")).json.invoices.entries[0].invoice_number).toBe(second);
    });

    it("crashes (Phoenix 500) on unknown invoices or someone else's, as recorded", async () => {
      const act = (invoice: string, msisdn: string) =>
        postJson(`${u}/buyer-initiated/action/submit`, { action: "accept", msisdn, invoice }, buyerToken);
      expect(await act("BI-DUMMY-123", SUPPLIER_MSISDN)).toMatchObject({ status: 500, json: PHOENIX_500 });
      const pending = (await submit(biBody(200))).json.invoice_no;
      expect((await act(pending, BUYER.msisdn)).status).toBe(500);
    });
  });

  describe("credit notes", () => {
    let invoiceNo: string;
    let suffix: string;
    const search = (invoice_no: string, msisdn = SELLER.msisdn) =>
      postJson(`${u}/search/credit-note`, { msisdn, invoice_no }, sellerToken);
    const full = (invoice_no: string | number, reason = "refund") =>
      postJson(`${u}/submit/credit-note`, { msisdn: SELLER.msisdn, invoice_no, reason, full: true }, sellerToken);
    const partial = (items: unknown[], reason = "damaged") =>
      postJson(`${u}/submit/partial-credit-note`, { msisdn: SELLER.msisdn, invoice_no: Number(suffix), reason, items, source: "whatsapp" }, sellerToken);
    const creditNoteFailed = { status: 422, json: { code: 11, message: "Unable to Create Etims Credit Note" } };

    beforeAll(async () => {
      invoiceNo = (await postJson(`${u}/post-sale`, sampleSale({ customer_name: "Buyer Ltd" }), sellerToken)).json.invoice_no;
      suffix = invoiceNo.split("/")[1]!;
    });

    it("finds the seller's own invoice by full number or suffix", async () => {
      const found = await search(invoiceNo);
      expect(found.json).toEqual(withInternals({
        code: 14, message: "Valid Invoice Number", invoice_no: invoiceNo, total_amount: 100, currency: "KES",
        buyer_name: "Buyer Ltd", buyer_pin: expect.anything(), seller_msisdn: expect.stringMatching(/^254/), has_partial_credit_note: false,
        items: [
          { id: expect.any(String), internal_note: "line", item_name: "USSD ITEM", unit_price: 100, quantity: 10 },
          { id: expect.any(String), internal_note: "line", item_name: "SECOND ITEM", unit_price: 50, quantity: 2 },
        ],
      }));
      expect((await search(suffix)).json.code).toBe(14);
    });

    it("answers 422 code 13 for unknown numbers or another seller's invoice", async () => {
      const invalid = { status: 422, json: { code: 13, message: "Invalid Invoice Number" } };
      expect(await search("INV-TEST-001")).toMatchObject(invalid);
      expect(await search(invoiceNo, BUYER.msisdn)).toMatchObject(invalid);
    });

    it("rejects partial returns above what remains, then credits partially", async () => {
      const [line] = (await search(suffix)).json.items;
      expect(await partial([{ item_id: line.id, quantity: 11 }])).toMatchObject(creditNoteFailed);
      expect(await partial([{ item_id: "no-such-line", quantity: 1 }])).toMatchObject(creditNoteFailed);
      expect(await partial([{ item_id: line.id, quantity: 1 }], "other")).toMatchObject(creditNoteFailed);
      const credited = await partial([{ item_id: line.id, id: line.id, quantity: 4, item_name: "USSD ITEM", item_price: 100 }]);
      expect(credited.json).toMatchObject({ code: 8, message: "ETIMS Invoice Created Successfully" });
      expect(credited.json.credit_note_ref).toMatch(/^CN-/);
      const after = (await search(invoiceNo)).json;
      expect(after.has_partial_credit_note).toBe(true);
      expect(after.items[0].quantity).toBe(6);
    });

    it("issues a full credit note once (code 8), then reports code 15 / code 11", async () => {
      expect(await full(suffix, "not_a_reason")).toMatchObject(creditNoteFailed);
      const issued = await full(Number(suffix));
      expect(issued.json).toMatchObject({ code: 8, message: "ETIMS Invoice Created Successfully" });
      expect((await fetch(issued.json.credit_note_pdf_url)).status).toBe(200);
      expect(await full(suffix)).toMatchObject(creditNoteFailed);
      expect(await search(invoiceNo)).toMatchObject({
        status: 422, json: { code: 15, message: "Credit note already issued for this invoice" },
      });
      expect(await full("INV-TEST-001")).toMatchObject(creditNoteFailed);
    });
  });

  describe("recording", () => {
    it("keeps method, raw target, headers (duplicates joined), raw headers and body", async () => {
      up.clearReceived();
      const received = up.received;
      const body = '{"msisdn":"254700000001"}';
      const target = "/api/ussd/init?b=2&a=%2e%2E&a=last";
      const answer = await rawExchange(up.url, [
        `POST ${target} HTTP/1.1`, "Host: upstream.test", "X-Dup: one", "x-dup: two", "Content-Type: application/json",
        `Content-Length: ${body.length}`, "Connection: close", "", body,
      ].join("\r\n"));
      expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
      expect(up.received).toBe(received);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        method: "POST", url: target, path: "/api/ussd/init", query: { b: "2", a: "last" },
        headers: { "x-dup": "one, two", host: "upstream.test", "content-type": "application/json" }, body,
      });
      expect(received[0]!.rawHeaders).toEqual(expect.arrayContaining(["X-Dup", "one", "x-dup", "two"]));
      expect(Math.abs(received[0]!.at - Date.now())).toBeLessThan(5000);
    });

    it("filters with receivedOn and records in arrival order", async () => {
      up.clearReceived();
      await postJson(`${u}/init`, { msisdn: "1" });
      await getWithToken(`${u}/buyer-initiated/fetch/254700000001?page=1`, sellerToken);
      expect(up.received.map((request) => request.method)).toEqual(["POST", "GET"]);
      const [fetched] = up.receivedOn("/api/ussd/buyer-initiated/fetch");
      expect(fetched!.headers.authorization).toBe(`Bearer ${sellerToken}`);
      expect(fetched!.query).toEqual({ page: "1" });
    });
  });
});

describe("simulated upstream faults", () => {
  let up: SimulatedUpstream;
  let initUrl: string;
  const initBody = { method: "POST", body: '{"msisdn":"254799999999"}' };
  const NORMAL_INIT = '{"code":0,"message":"Tax Payer not registered"}';

  beforeAll(async () => {
    up = await startSimulatedUpstream();
    initUrl = `${up.identityBaseUrl}/init`;
  });
  afterAll(() => up.close());

  const withFault = async (fault: Parameters<SimulatedUpstream["addFault"]>[0]["fault"], run: () => Promise<void>) => {
    up.clearFaults();
    up.addFault({ fault });
    try {
      await run();
    } finally {
      up.clearFaults();
    }
  };

  it("refuse: the socket is destroyed, fetch rejects", () =>
    withFault({ kind: "refuse" }, async () => {
      await expect(fetch(initUrl, initBody)).rejects.toThrow();
    }));

  it("hang: no answer until the client gives up", () =>
    withFault({ kind: "hang" }, async () => {
      const started = Date.now();
      await expect(fetch(initUrl, { ...initBody, signal: AbortSignal.timeout(150) })).rejects.toThrow(/timeout|aborted/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(up.receivedOn("/api/ussd/init").at(-1)!.body).toBe(initBody.body);
    }));

  it("slow: the normal answer after the delay", () =>
    withFault({ kind: "slow", delayMs: 120 }, async () => {
      const started = Date.now();
      const response = await fetch(initUrl, initBody);
      expect(await response.text()).toBe(NORMAL_INIT);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    }));

  it("drip: headers first, then the normal body a byte at a time", () =>
    withFault({ kind: "drip", intervalMs: 2 }, async () => {
      const started = Date.now();
      const response = await fetch(initUrl, initBody);
      const headersAfter = Date.now() - started;
      expect(response.headers.get("content-length")).toBe(String(NORMAL_INIT.length));
      expect(await response.text()).toBe(NORMAL_INIT);
      expect(Date.now() - started - headersAfter).toBeGreaterThanOrEqual(NORMAL_INIT.length);
    }));

  it("reset: 200 headers, part of the body, then the body read rejects", () =>
    withFault({ kind: "reset", afterBytes: 10 }, async () => {
      const response = await fetch(initUrl, initBody);
      expect(response.status).toBe(200);
      expect(Number(response.headers.get("content-length"))).toBeGreaterThan(10);
      await expect(response.arrayBuffer()).rejects.toThrow();
    }));

  it("reset with the default 64 bytes", () =>
    withFault({ kind: "reset" }, async () => {
      const raw = await rawExchange(up.url, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n");
      const [head, body] = raw.split("\r\n\r\n");
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(body).toHaveLength(64);
    }));

  it("huge: a streamed JSON body of exactly the requested size, without content-length", () =>
    withFault({ kind: "huge", bytes: 5 * 1024 * 1024 + 3 }, async () => {
      const response = await fetch(initUrl, initBody);
      expect(response.headers.get("content-length")).toBeNull();
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await streamedByteCount(response)).toBe(5 * 1024 * 1024 + 3);
    }));

  it("huge: the body is JSON", () =>
    withFault({ kind: "huge", bytes: 200_000 }, async () => {
      const data = await (await fetch(initUrl, initBody)).json();
      expect(typeof data.data).toBe("string");
    }));

  it("html503: HAProxy's page as text/html", () =>
    withFault({ kind: "html503" }, async () => {
      const response = await fetch(initUrl, initBody);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("text/html");
      expect(await response.text()).toContain("No server is available to handle this request.");
    }));

  it("phoenix500 and unauthorized: Phoenix's JSON bodies", async () => {
    await withFault({ kind: "phoenix500" }, async () => {
      expect(await call(initUrl, initBody)).toMatchObject({ status: 500, json: PHOENIX_500 });
    });
    await withFault({ kind: "unauthorized" }, async () => {
      expect(await call(initUrl, initBody)).toMatchObject({ status: 401, json: UNAUTHORIZED });
    });
  });

  it("status: any status, body and headers", () =>
    withFault({ kind: "status", status: 429, body: "slow down", headers: { "Retry-After": "7", "content-type": "text/plain" } }, async () => {
      const response = await fetch(initUrl, initBody);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(response.headers.get("content-type")).toBe("text/plain");
      expect(await response.text()).toBe("slow down");
    }));

  it("times=1 applies once; path prefixes and patterns select; first rule wins", async () => {
    up.addFault({ fault: { kind: "phoenix500" }, path: "/api/ussd/init", times: 1 });
    up.addFault({ fault: { kind: "unauthorized" }, path: /\/init$/ });
    up.addFault({ fault: { kind: "html503" } });
    expect((await fetch(initUrl, initBody)).status).toBe(500);
    expect((await fetch(initUrl, initBody)).status).toBe(401);
    expect((await fetch(`${up.url}/public/etims/invoice/X/Y`)).status).toBe(503);
    up.clearFaults();
    expect((await fetch(initUrl, initBody)).status).toBe(200);
  });

  it("close() resolves promptly with hung and dripping sockets open", async () => {
    const doomed = await startSimulatedUpstream();
    doomed.addFault({ fault: { kind: "hang" }, path: "/hang" });
    doomed.addFault({ fault: { kind: "drip", intervalMs: 1000 }, path: "/api" });
    const hung = fetch(`${doomed.url}/hang`).catch((error: unknown) => error);
    const dripping = fetch(`${doomed.identityBaseUrl}/init`, initBody).then((r) => r.text()).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await doomed.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hung).toBeInstanceOf(Error);
    expect(await dripping).toBeInstanceOf(Error);
  });
});

describe("simulated upstream options", () => {
  it("apiKey: tax calls need x-api-key, identity calls do not", async () => {
    const up = await startSimulatedUpstream({ apiKey: "internal-secret" });
    try {
      const token = up.issueToken(SELLER.msisdn);
      const lookup = (headers: Record<string, string>) =>
        postJson(`${up.upstreamBaseUrl}/buyer-initiated/lookup`, { pin_or_id: "A000000001A" }, token, headers);
      expect(await lookup({})).toMatchObject({ status: 401, json: UNAUTHORIZED });
      expect((await lookup({ "x-api-key": "wrong" })).status).toBe(401);
      expect((await lookup({ "x-api-key": "internal-secret" })).status).toBe(200);
      expect((await postJson(`${up.identityBaseUrl}/init`, { msisdn: SELLER.msisdn })).json.code).toBe(1);
    } finally {
      await up.close();
    }
  });

  it("directTokens: /init also returns a working token for registered numbers", async () => {
    const up = await startSimulatedUpstream({ directTokens: true, tokenTtlSeconds: 60 });
    try {
      const answer = (await postJson(`${up.identityBaseUrl}/init`, { msisdn: "0700000003" })).json;
      expect(answer).toMatchObject({ code: 1, name: "TEST TAXPAYER THREE", token: expect.any(String) });
      const claims = JSON.parse(Buffer.from(answer.token.split(".")[1], "base64url").toString());
      expect(claims.exp - claims.iat).toBe(60);
      expect((await postJson(`${up.identityBaseUrl}/init`, { msisdn: "254799999999" })).json).not.toHaveProperty("token");
      expect((await postJson(`${up.upstreamBaseUrl}/buyer-initiated/lookup`, { pin_or_id: "10000003" }, answer.token)).status).toBe(200);
    } finally {
      await up.close();
    }
  });
});

describe("simulated upstream fast mode", () => {
  let up: SimulatedUpstream;
  let token: string;

  beforeAll(async () => {
    up = await startSimulatedUpstream({ fast: true });
    token = up.issueToken(SELLER.msisdn);
  });
  afterAll(() => up.close());

  const fetchPage = (pageSize: number, auth = token) =>
    fetch(`${up.upstreamBaseUrl}/buyer-initiated/fetch/${SELLER.msisdn}?page=1&page_size=${pageSize}`, {
      headers: { authorization: `Bearer ${auth}` },
    });

  it("serves fetch pages of fixed-size entries in the real listing's shape: 1 ≈ 1 KB, 20 ≈ 20 KB", async () => {
    const small = Buffer.from(await (await fetchPage(1)).arrayBuffer());
    const large = Buffer.from(await (await fetchPage(20)).arrayBuffer());
    expect(small.length).toBeGreaterThan(1000);
    expect(small.length).toBeLessThan(1200);
    expect(large.length).toBeGreaterThan(20_000);
    expect(large.length).toBeLessThan(20_200);
    const parsed = JSON.parse(large.toString());
    expect(parsed).toMatchObject({ code: 20, message: "Invoices Found" });
    expect(parsed.invoices.entries).toHaveLength(20);
    expect(new Set(parsed.invoices.entries.map((e: any) => e.invoice_number)).size).toBe(20);
    expect(parsed.invoices.entries[0]).toMatchObject({ uuid: expect.any(String), total_amount: 3480, supplier_msisdn: "254700000003" });
    expect(parsed.invoices.entries[0].items).toHaveLength(3);
  });

  it("still checks the token and answers 401 without one", async () => {
    expect((await fetchPage(5, "not-a-token")).status).toBe(401);
    up.revokeTokens(SELLER.msisdn);
    expect((await fetchPage(5)).status).toBe(401);
    token = up.issueToken(SELLER.msisdn);
    expect((await fetchPage(5)).status).toBe(200);
  });

  it("answers post-sale with a precomputed code 8 whose PDF exists", async () => {
    const sale = await postJson(`${up.upstreamBaseUrl}/post-sale`, sampleSale(), token);
    expect(sale.json).toMatchObject({ code: 8, invoice_no: expect.stringMatching(/^KRASRN/) });
    const pdf = await fetch(sale.json.invoice_pdf_url, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });

  it("serves /bench/direct?bytes=N with exactly N bytes and no auth", async () => {
    const response = await fetch(`${up.url}/bench/direct?bytes=1024`);
    expect(response.headers.get("server")).toBe("Cowboy");
    expect(Buffer.from(await response.arrayBuffer()).length).toBe(1024);
  });

  it("records nothing, and the identity flow still works", async () => {
    await postJson(`${up.identityBaseUrl}/otp`, { msisdn: SELLER.msisdn });
    const verified = await postJson(`${up.identityBaseUrl}/validate-otp`, { msisdn: SELLER.msisdn, otp: up.otp });
    expect(verified.json.code).toBe(1);
    expect(up.received).toHaveLength(0);
  });

  it("applies faults in fast mode too", async () => {
    up.addFault({ fault: { kind: "html503" }, times: 1 });
    expect((await fetchPage(5)).status).toBe(503);
    expect((await fetchPage(5)).status).toBe(200);
  });
});

describe("tests/upstream/main.ts", () => {
  it("prints {url, otp} and stops on SIGTERM", async () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main, "--port", "0", "--fast", "--otp", "ABCDEF"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const [line] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
      const printed = JSON.parse(line!);
      expect(printed).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), otp: "ABCDEF" });
      expect((await fetch(`${printed.url}/bench/direct?bytes=10`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 20_000);
});

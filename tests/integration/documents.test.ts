import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PDF_BYTES, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// The document route streams PDFs: cut at NITRO_UPSTREAM_MAX_RESPONSE_BYTES, and only PDFs.
const [ONE] = TEST_TAXPAYERS;
const MAX_BYTES = 64 * 1024;
const DOCUMENT = "/public/etims/invoice/INVABCDEFG/KEY0123456789ABCD";
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_UPSTREAM_MAX_RESPONSE_BYTES: String(MAX_BYTES) } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearFaults());

const getDocument = () => client.api("GET", DOCUMENT, { headers: { accept: "application/pdf" } });

/** Reads a body to its end or its failure: the bytes that arrived, and whether it ended cleanly. */
async function drain(response: Response): Promise<{ bytes: number; complete: boolean }> {
  const reader = response.body!.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, complete: true };
      bytes += value.byteLength;
    }
  } catch {
    return { bytes, complete: false };
  }
}

describe("documents are cut at NITRO_UPSTREAM_MAX_RESPONSE_BYTES", () => {
  it("passes a PDF of exactly the limit, whole", async () => {
    stack.upstream.addFault({ fault: { kind: "huge", bytes: MAX_BYTES, contentType: "application/pdf" }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    expect(response.status).toBe(200);
    expect(await drain(response)).toEqual({ bytes: MAX_BYTES, complete: true });
  });

  it("refuses a PDF that declares a larger Content-Length before sending any of it: 502", async () => {
    const body = `%PDF-1.4\n${"x".repeat(MAX_BYTES)}`;
    stack.upstream.addFault({ fault: { kind: "status", status: 200, body, headers: { "content-type": "application/pdf" } }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "upstream_error" });
  });

  it("cuts a PDF streamed without a length once it passes the limit: never a complete-looking short document", async () => {
    stack.upstream.addFault({ fault: { kind: "huge", bytes: 8 * MAX_BYTES, contentType: "application/pdf" }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    if (onNode) {
      expect(response.status).toBe(200); // Node streams it: the cut shows as a broken body
      const { bytes, complete } = await drain(response);
      expect({ bytes: Math.min(bytes, MAX_BYTES + 1), complete }).toEqual({ bytes: Math.min(bytes, MAX_BYTES), complete: false });
    } else {
      // workerd cannot break a body it has begun (cloudflare/workerd#6818): it holds such a document, then refuses it.
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: "upstream_error" });
    }
  });

  it("still serves a normal document afterwards", async () => {
    const created = await client.api("POST", "/post-sale", { json: { total_amount: 5, items: [{ item_name: "Tea", taxable_amount: 5, quantity: 1 }] } });
    expect(created.status).toBe(200);
    const response = await client.api("GET", new URL((await created.json()).invoice_pdf_url).pathname);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });
});

describe("the document route serves only PDFs", () => {
  it.each([
    ["JSON", "application/json", '{"message":"ok"}'],
    ["an HTML page", "text/html; charset=utf-8", "<script>alert(1)</script>"],
    ["no content type", "", "%PDF-1.4"],
    ["a PDF type in disguise", "application/pdf-evil", "%PDF-1.4"],
  ])("refuses %s on a 200 with 502, passing none of it", async (_, contentType, body) => {
    stack.upstream.addFault({ fault: { kind: "status", status: 200, body, headers: { "content-type": contentType } }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "upstream_error" });
    expect(text).not.toContain(body);
  });

  it("answers a missing document with the gateway's own 404, not the upstream's body", async () => {
    const response = await client.api("GET", "/public/etims/invoice/INVNOSUCHX/KEY0000000000000", { headers: { accept: "application/pdf" } });
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "not_found" });
    expect(text).not.toContain("detail");
  });

  it.each([400, 403, 422])("answers an upstream %i on the document route with 502, passing none of its body", async (status) => {
    const body = JSON.stringify({ code: 7, message: "internal: table etims_docs row 42", errors: { detail: "stack" } });
    stack.upstream.addFault({ fault: { kind: "status", status, body, headers: { "content-type": "application/json" } }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "upstream_error" });
    expect(text).not.toMatch(/etims_docs|stack/);
  });

  it("refuses a streamed JSON body on the document route", async () => {
    stack.upstream.addFault({ fault: { kind: "huge", bytes: 1000 }, path: DOCUMENT, times: 1 });
    const response = await getDocument();
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("upstream_error");
  });
});

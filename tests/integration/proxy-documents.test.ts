import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PDF_BYTES, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Documents stream: the timeout bounds the wait for the upstream's headers and
// each silence between body chunks, not the whole download.
const TIMEOUT_MS = 1000;
let stack: Stack;
let client: GatewayClient;
let pdfPath: string;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) } });
  client = await stack.signIn(TEST_TAXPAYERS[0].msisdn);
  const sale = { total_amount: 100, items: [{ item_name: "Soap", taxable_amount: 100, quantity: 1 }] };
  const { invoice_pdf_url } = await (await client.api("POST", "/post-sale", { json: sale })).json();
  pdfPath = new URL(invoice_pdf_url).pathname;
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearFaults());

const getPdf = () => client.api("GET", pdfPath, { headers: { accept: "application/pdf" } });

describe("document timeouts", () => {
  it.each([["with", false], ["without", true]])("a slow but steady PDF (%s Content-Length) longer than the timeout in total still arrives whole", async (_, chunked) => {
    const chunkBytes = Math.ceil(PDF_BYTES.length / 8);
    stack.upstream.addFault({ fault: { kind: "drip", intervalMs: 250, chunkBytes, chunked }, path: "/public/", times: 1 });
    const started = Date.now();
    const response = await getPdf();
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Date.now() - started).toBeGreaterThan(TIMEOUT_MS * 1.5);
    expect(bytes.equals(PDF_BYTES)).toBe(true);
  });

  it("a body that stalls is cut after the idle timeout", async () => {
    stack.upstream.addFault({ fault: { kind: "stall", afterBytes: 100 }, path: "/public/", times: 1 });
    const started = Date.now();
    const response = await getPdf();
    expect(response.status).toBe(200);
    const outcome = await response.arrayBuffer().then((body) => body.byteLength, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 6);
  });

  it("no headers within the timeout is a 504", async () => {
    stack.upstream.addFault({ fault: { kind: "hang" }, path: "/public/", times: 1 });
    const response = await getPdf();
    expect(response.status).toBe(504);
    expect((await response.json()).error).toBe("upstream_timeout");
  });
});

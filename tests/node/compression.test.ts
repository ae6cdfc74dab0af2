import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDF_BYTES, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { ROOT } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// The Node server compresses what is worth it (issue 22): pages, JSON and JS/CSS per
// Accept-Encoding, precompressed assets as they are, documents untouched; and small,
// cacheable answers for the favicon, robots.txt and files that are not there.
const [ONE] = TEST_TAXPAYERS;
const PAGE_BUDGET = 6 * 1024;
let stack: Stack;
let buyer: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  buyer = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A GET whose body arrives exactly as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.gateway.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const withSession = (client: GatewayClient, headers: Record<string, string> = {}) => ({ cookie: `__Host-session=${client.sessionId}`, ...headers });
const decode = (raw: Raw) => (raw.headers["content-encoding"] === "br" ? brotliDecompressSync(raw.body) : raw.headers["content-encoding"] === "gzip" ? gunzipSync(raw.body) : raw.body);
const landing = async () => `/?${new URLSearchParams(await stack.signedLink(ONE.msisdn))}`;

describe("pages", () => {
  it.each([
    ["br", "gzip, deflate, br"],
    ["gzip", "gzip, deflate"],
    ["gzip", "br;q=0, gzip"],
    ["br", "*"],
  ])("are sent %s-compressed for Accept-Encoding: %s, and decompress to the page", async (encoding, accept) => {
    const raw = await rawGet(await landing(), { "accept-encoding": accept });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBe(encoding);
    expect(raw.headers["content-length"]).toBeUndefined();
    expect(raw.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(raw).toString()).toMatch(/<form[^>]+action="\/entry"/);
  });

  it("are sent as they are without Accept-Encoding (or with identity only), still with Vary and a length", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }, { "accept-encoding": "gzip;q=0, br;q=0" }] as Record<string, string>[]) {
      const raw = await rawGet(await landing(), headers);
      expect(raw.headers["content-encoding"]).toBeUndefined();
      expect(raw.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(raw.headers["content-length"])).toBe(raw.body.byteLength);
      expect(raw.body.toString()).toMatch(/<form[^>]+action="\/entry"/);
    }
  });

  it.each([
    ["the WhatsApp link's landing page", () => landing()],
    ["the OTP page", async () => "/otp"],
    ["the home page", async () => "/"],
    ["the returns page", async () => "/returns"],
    ["a page that does not exist", async () => "/no/such/page"],
  ])("%s is at most 6 KB compressed (gzip and brotli), with no full route manifest", async (name, path) => {
    const client = name === "the OTP page" ? await pendingOtpClient() : buyer;
    for (const encoding of ["gzip", "br"]) {
      const raw = await rawGet(await path(), withSession(client, { "accept-encoding": encoding }));
      expect(raw.headers["content-encoding"]).toBe(encoding);
      expect(raw.body.byteLength).toBeLessThanOrEqual(PAGE_BUDGET);
      const html = decode(raw).toString();
      // The landing and OTP pages run only their inline scripts; the others hydrate from a manifest cut to stylesheets.
      if (name === "the WhatsApp link's landing page" || name === "the OTP page") expect(html).not.toMatch(/<script[^>]+src=|modulepreload|window\.manifest/);
      else expect(/window\.manifest = (\{.*?\})<\/script>/.exec(html)?.[1]).toMatch(/^\{(?!.*modulepreload)/);
    }
  });
});

async function pendingOtpClient(): Promise<GatewayClient> {
  const client = stack.client();
  expect((await client.enter(await stack.signedLink(TEST_SELLER.msisdn))).headers.get("location")).toBe("/otp");
  return client;
}

describe("JSON answers", () => {
  it("are compressed above 1 KB", async () => {
    const body = { seller_pin: TEST_SELLER.pin, seller_msisdn: TEST_SELLER.msisdn, total_amount: 300, items: [{ item_name: "Soap", taxable_amount: 100, quantity: 3 }] };
    for (let i = 0; i < 6; i++) expect((await buyer.api("POST", "/buyer-initiated/submit/invoice", { json: body })).status).toBe(200);
    const raw = await rawGet("/api/buyer-initiated/fetch?page_size=20", withSession(buyer, { accept: "application/json", "accept-encoding": "br" }));
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBe("br");
    const json = decode(raw);
    expect(json.byteLength).toBeGreaterThan(1024);
    expect(JSON.parse(json.toString())).toBeTypeOf("object");
  });

  it("stay as they are below 1 KB (the session view)", async () => {
    const raw = await rawGet("/session", withSession(buyer, { "accept-encoding": "gzip, br" }));
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBeUndefined();
    expect(Number(raw.headers["content-length"])).toBe(raw.body.byteLength);
    expect(JSON.parse(raw.body.toString())).toMatchObject({ msisdn: "2547******01" });
  });
});

describe("documents", () => {
  it("stream untouched: no Content-Encoding, the PDF's own bytes", async () => {
    const sale = { total_amount: 100, items: [{ item_name: "Soap", taxable_amount: 100, quantity: 1 }] };
    const { invoice_pdf_url } = await (await buyer.api("POST", "/post-sale", { json: sale })).json();
    const raw = await rawGet(`/api${new URL(invoice_pdf_url).pathname}`, withSession(buyer, { accept: "application/pdf", "accept-encoding": "gzip, br" }));
    expect(raw.status).toBe(200);
    expect(raw.headers["content-type"]).toMatch(/^application\/pdf/);
    expect(raw.headers["content-encoding"]).toBeUndefined();
    expect(raw.body.equals(Buffer.from(PDF_BYTES))).toBe(true);
  });
});

describe("static assets", () => {
  const dir = `${ROOT}.output/public/_build/assets`;
  const script = readdirSync(dir).find((name) => name.startsWith("client-") && name.endsWith(".js"))!;

  it.each(["br", "gzip"])("are served from their precompressed .%s file, cacheable for a year", async (encoding) => {
    const raw = await rawGet(`/_build/assets/${script}`, { "accept-encoding": encoding });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBe(encoding);
    expect(raw.headers["cache-control"]).toMatch(/immutable/);
    expect(raw.body.equals(readFileSync(`${dir}/${script}.${encoding === "br" ? "br" : "gz"}`))).toBe(true);
    expect(decode(raw).equals(readFileSync(`${dir}/${script}`))).toBe(true);
  });
});

describe("small, cacheable answers", () => {
  it("/favicon.ico is an icon of a few hundred bytes, cached for a week", async () => {
    const raw = await rawGet("/favicon.ico", { "accept-encoding": "gzip, br" });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-type"]).toBe("image/x-icon");
    expect(raw.body.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0]))).toBe(true);
    expect(raw.body.byteLength).toBeLessThan(400);
    expect(raw.headers["cache-control"]).toBe("public, max-age=604800");
  });

  it("/robots.txt keeps crawlers out, cached for a day", async () => {
    const raw = await rawGet("/robots.txt");
    expect(raw.status).toBe(200);
    expect(raw.body.toString()).toBe("User-agent: *\nDisallow: /\n");
    expect(raw.headers["cache-control"]).toBe("public, max-age=86400");
  });

  it.each(["/_build/assets/gone-0123abcd.js", "/_build/assets/gone.css", "/apple-touch-icon.png", "/wp-login.php", "/site.webmanifest"])(
    "a missing file (%s) is a tiny 404, cacheable for minutes, never the page",
    async (path) => {
      const raw = await rawGet(path, { "accept-encoding": "gzip, br" });
      expect(raw.status).toBe(404);
      expect(raw.headers["content-type"]).toMatch(/^text\/plain/);
      expect(raw.body.byteLength).toBeLessThan(100);
      expect(raw.headers["cache-control"]).toBe("public, max-age=300");
    },
  );

  it("a missing page is still the UI's own 404 page", async () => {
    const raw = await rawGet("/no/such/page");
    expect(raw.status).toBe(404);
    expect(raw.headers["content-type"]).toMatch(/^text\/html/);
    expect(raw.headers["cache-control"]).toBe("no-store");
  });
});

import type { IncomingMessage, ServerResponse } from "node:http";
import { mayCallTaxApi } from "./dispatch";
import { fillerJsonBuffer } from "./fault-streams";
import { withInternals } from "./internals";
import { cowboyHeaders, encodeLikePhoenix, JSON_CONTENT_TYPE } from "./reply";
import { INVOICE_PREFIX } from "./sales-invoices";
import type { UpstreamState } from "./state";
import { withExtra, type ExtraHeaders } from "./write-reply";

const FETCH_PREFIX = "/api/ussd/buyer-initiated/fetch/";
const POST_SALE_PATH = "/api/ussd/post-sale";
const DIRECT_PREFIX = "/bench/direct";
// One buyer-initiated invoice in the upstream's real shape (uuid, number, amounts, names, items, the
// parties' numbers and the internals the response policy drops): 1 entry ≈ 1 KB, 20 ≈ 20 KB.
const ENTRY_BYTES = 1000; // including the comma between entries
const MAX_PAGE_SIZE = 1000;
const MAX_DIRECT_BYTES = 16 * 1024 * 1024;
const PAGE_SIZE_PARAM = /[?&]page_size=(\d+)/;
const BYTES_PARAM = /[?&]bytes=(\d+)/;

interface Precomputed {
  body: Buffer;
  contentLength: string;
}

const precompute = (body: Buffer): Precomputed => ({ body, contentLength: String(body.length) });
const precomputeJson = (value: unknown) => precompute(Buffer.from(encodeLikePhoenix(value)));

/** Benchmark answers: precomputed buffers, one writeHead + one end, no recording. */
export class FastPath {
  private readonly fetchPages = new Map<number, Precomputed>();
  private readonly directBodies = new Map<number, Precomputed>();
  private readonly unauthorized = precomputeJson({ errors: { detail: "Unauthorized" } });
  private readonly postSaleAnswer: Precomputed;

  constructor(private readonly state: UpstreamState, private readonly extra: ExtraHeaders) {
    this.postSaleAnswer = precomputeJson({
      code: 8,
      message: "Etims Invoice Created Successfully",
      invoice_no: `${INVOICE_PREFIX}1000`,
      invoice_pdf_url: state.documents.store("INVBENCHAA", "BENCHKEY00000001", true),
    });
  }

  /** Answers the benchmark routes; false means "not mine, use the full pipeline". */
  tryAnswer(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "";
    if (req.method === "GET" && url.startsWith(FETCH_PREFIX)) {
      this.sendIfAuthorized(req, res, this.fetchPage(numberParam(url, PAGE_SIZE_PARAM, 50, MAX_PAGE_SIZE)));
    } else if (req.method === "POST" && url === POST_SALE_PATH) {
      req.on("end", () => this.sendIfAuthorized(req, res, this.postSaleAnswer)).resume();
    } else if (req.method === "GET" && url.startsWith(DIRECT_PREFIX)) {
      this.send(res, 200, this.directBody(numberParam(url, BYTES_PARAM, 1024, MAX_DIRECT_BYTES)));
    } else {
      return false;
    }
    return true;
  }

  private sendIfAuthorized(req: IncomingMessage, res: ServerResponse, answer: Precomputed): void {
    if (mayCallTaxApi(this.state, req)) this.send(res, 200, answer);
    else this.send(res, 401, this.unauthorized);
  }

  private send(res: ServerResponse, status: number, answer: Precomputed): void {
    const headers = cowboyHeaders(JSON_CONTENT_TYPE);
    headers.push("content-length", answer.contentLength);
    res.writeHead(status, withExtra(headers, this.extra));
    res.end(answer.body);
  }

  private fetchPage(pageSize: number): Precomputed {
    let page = this.fetchPages.get(pageSize);
    if (!page) this.fetchPages.set(pageSize, (page = precompute(fetchPageBody(pageSize))));
    return page;
  }

  private directBody(bytes: number): Precomputed {
    let body = this.directBodies.get(bytes);
    if (!body) this.directBodies.set(bytes, (body = precompute(fillerJsonBuffer(bytes))));
    return body;
  }
}

function numberParam(url: string, param: RegExp, fallback: number, max: number): number {
  const found = param.exec(url);
  const value = found ? Number(found[1]) : fallback;
  return Math.min(Math.max(value, 1), max);
}

/** `page_size` entries of exactly ENTRY_BYTES each (1 ≈ 1 KB, 20 ≈ 20 KB). */
export function fetchPageBody(pageSize: number): Buffer {
  const entries = Array.from({ length: pageSize }, (_, index) => fixedSizeEntry(index));
  const envelope = { code: 20, message: "Invoices Found", invoices: { entries: "@", total_entries: MAX_PAGE_SIZE } };
  return Buffer.from(encodeLikePhoenix(envelope).replace('"@"', `[${entries.join(",")}]`));
}

function fixedSizeEntry(index: number): string {
  const entry = (padding: string) => encodeLikePhoenix(withInternals({
    uuid: `0b6f${lettersFor(index).toLowerCase()}-4c1e-4a8e-9d5b-3f2a1c7e9b${String(index % 100).padStart(2, "0")}`,
    invoice_number: `BI-${lettersFor(index)}`,
    total_amount: 3480,
    status: "awaiting_approval",
    buyer_name: "KRA TEST USER ONE",
    buyer_msisdn: "254700000001",
    seller_name: "KRA TEST SELLER ENTERPRISES LIMITED",
    supplier_msisdn: "254700000003",
    supplier_pin: "P051234567X",
    created_at: "2026-01-01T08:30:00Z",
    items: [
      { item_name: `Maize flour 2 kg${padding}`, quantity: 10, unit_price: 180, total: 1800, internal_note: "line" },
      { item_name: "Cooking oil 1 l", quantity: 4, unit_price: 320, total: 1280, internal_note: "line" },
      { item_name: "Sugar 1 kg", quantity: 2, unit_price: 200, total: 400, internal_note: "line" },
    ],
    invoice_pdf_url: `https://etims.example/public/etims/invoice/INV${lettersFor(index)}/KEY0123456789ABCD`,
  }));
  const bare = entry("");
  const padded = entry(" ".repeat(ENTRY_BYTES - 1 - bare.length));
  if (padded.length !== ENTRY_BYTES - 1) throw new Error(`fast entry is ${padded.length} bytes`);
  return padded;
}

/** Six upper-case letters, different for every index below 26^6. */
function lettersFor(index: number): string {
  let letters = "";
  for (let i = 0, rest = index; i < 6; i++, rest = Math.floor(rest / 26)) {
    letters = String.fromCharCode(65 + (rest % 26)) + letters;
  }
  return letters;
}

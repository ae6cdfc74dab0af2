import type { IncomingMessage, ServerResponse } from "node:http";
import { mayCallTaxApi } from "./dispatch";
import { fillerJsonBuffer } from "./fault-streams";
import { cowboyHeaders, encodeLikePhoenix, JSON_CONTENT_TYPE } from "./reply";
import { INVOICE_PREFIX } from "./sales-invoices";
import type { UpstreamState } from "./state";
import { withExtra, type ExtraHeaders } from "./write-reply";

const FETCH_PREFIX = "/api/ussd/buyer-initiated/fetch/";
const POST_SALE_PATH = "/api/ussd/post-sale";
const DIRECT_PREFIX = "/bench/direct";
const ENTRY_BYTES = 200; // including the comma between entries
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

/** `page_size` entries of exactly ENTRY_BYTES each (5 ≈ 1 KB, 100 ≈ 20 KB). */
function fetchPageBody(pageSize: number): Buffer {
  const entries = Array.from({ length: pageSize }, (_, index) => fixedSizeEntry(index));
  const envelope = { code: 20, message: "Invoices Found", invoices: { entries: "@", total_entries: MAX_PAGE_SIZE } };
  return Buffer.from(encodeLikePhoenix(envelope).replace('"@"', `[${entries.join(",")}]`));
}

function fixedSizeEntry(index: number): string {
  const entry = encodeLikePhoenix({
    invoice_number: `BI-${lettersFor(index)}`,
    total_amount: 1000,
    status: "accepted",
    buyer_msisdn: "254700000001",
    seller_name: "KRA TEST USER",
    supplier_msisdn: "254700000003",
    created_at: "2026-01-01T00:00:00Z",
  });
  if (entry.length !== ENTRY_BYTES - 1) throw new Error(`fast entry is ${entry.length} bytes`);
  return entry;
}

/** Six upper-case letters, different for every index below 26^6. */
function lettersFor(index: number): string {
  let letters = "";
  for (let i = 0, rest = index; i < 6; i++, rest = Math.floor(rest / 26)) {
    letters = String.fromCharCode(65 + (rest % 26)) + letters;
  }
  return letters;
}

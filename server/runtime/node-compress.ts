// Response compression for the Node server: gzip or brotli per Accept-Encoding, decided when the
// headers go out, so every writer (h3's send, SolidStart's page stream, the proxy's held JSON) is
// covered. Precompressed static assets never get here (Nitro's static handler serves their .br/.gz).
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants, createBrotliCompress, createGzip } from "node:zlib";
import type { Transform } from "node:stream";

type Encoding = "br" | "gzip";

/** Text worth compressing; documents (PDF) and images are streamed untouched. */
const COMPRESSIBLE = /^\s*(?:text\/(?:html|css|plain|javascript)|application\/(?:json|javascript|problem\+json)|image\/svg\+xml)\s*(?:;|$)/i;
/** Below this a compressed answer is barely smaller, and costs a zlib stream (a refusal, a session view). */
export const COMPRESS_MIN_BYTES = 1024;
// Dynamic answers are compressed once per request: quality 5 is most of brotli's gain at gzip's speed.
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

/** The client's preferred encoding among ours (highest q; brotli on a tie); undefined for identity. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)).find(Boolean);
    weights.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get("*") ?? 0;
  const [br, gzip] = [weightOf("br"), weightOf("gzip")];
  if (br <= 0 && gzip <= 0) return undefined;
  return br >= gzip ? "br" : "gzip";
}

/**
 * Compresses what `res` writes from now on, if the answer turns out compressible: a text type,
 * no encoding of its own, a body (not HEAD, 204, 304), not `no-transform`, and, when its size is
 * known, at least COMPRESS_MIN_BYTES. Compressible types get `Vary: Accept-Encoding` either way.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = req.method === "HEAD" ? undefined : encodingFor(req.headers["accept-encoding"]);
  if (!encoding) return markVary(res);
  const original = { write: res.write as Writers["write"], end: res.end as Writers["end"] };
  let compressor: Transform | null | undefined;

  beforeHeaders(res, (statusCode) => {
    if (compressor === undefined) compressor = start(res, statusCode, encoding, undefined);
    if (compressor) pipeToResponse(compressor, res, original);
  });

  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (!compressor) return (original.write as (...args: unknown[]) => boolean).call(res, chunk, ...rest);
    return compressor.write(toBuffer(chunk, rest[0]), typeof rest.at(-1) === "function" ? (rest.at(-1) as () => void) : undefined);
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const callback = typeof args.at(-1) === "function" ? (args.pop() as () => void) : undefined;
    const [chunk, chunkEncoding] = args;
    if (!res.headersSent && compressor === undefined) {
      const length = chunk === undefined || chunk === null ? 0 : toBuffer(chunk, chunkEncoding).byteLength;
      compressor = start(res, res.statusCode, encoding, length);
      // Compressing: the headers go now. Not: Node's own end() still sets Content-Length.
      if (compressor) res.writeHead(res.statusCode);
    }
    if (!compressor) return (original.end as (...args: unknown[]) => ServerResponse).call(res, ...args, ...(callback ? [callback] : []));
    if (callback) res.once("finish", callback);
    if (chunk === undefined || chunk === null) compressor.end();
    else compressor.end(toBuffer(chunk, chunkEncoding));
    return res;
  } as ServerResponse["end"];
}

// Clients send the same few Accept-Encoding values again and again: each is parsed once.
const encodings = new Map<string, Encoding | undefined>();

function encodingFor(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  if (encodings.has(header)) return encodings.get(header);
  const encoding = chooseEncoding(header);
  if (encodings.size < 64) encodings.set(header, encoding);
  return encoding;
}

/**
 * Nothing to compress with (no Accept-Encoding we know, or HEAD): the answer goes out as written, and only
 * `writeHead` is watched, for `Vary: Accept-Encoding` on a compressible type (what start() adds before it decides).
 */
function markVary(res: ServerResponse): void {
  beforeHeaders(res, (statusCode) => void start(res, statusCode, undefined, undefined));
}

/** Calls `decide` as the headers are about to go, with every header set (writeHead's own argument included). */
function beforeHeaders(res: ServerResponse, decide: (statusCode: number) => void): void {
  const writeHead = res.writeHead as (status: number, reason?: string) => ServerResponse;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const reason = typeof rest[0] === "string" ? (rest.shift() as string) : undefined;
    setHeaderArgument(res, rest[0]);
    decide(statusCode);
    return reason === undefined ? writeHead.call(res, statusCode) : writeHead.call(res, statusCode, reason);
  } as ServerResponse["writeHead"];
}

function start(res: ServerResponse, status: number, encoding: Encoding | undefined, knownLength: number | undefined): Transform | null {
  const type = String(res.getHeader("content-type") ?? "");
  if (!COMPRESSIBLE.test(type) || res.hasHeader("content-encoding")) return null;
  addVary(res);
  if (!encoding || status < 200 || status === 204 || status === 304) return null;
  if (/\bno-transform\b/i.test(String(res.getHeader("cache-control") ?? ""))) return null;
  const declared = res.hasHeader("content-length") ? Number(res.getHeader("content-length")) : undefined;
  const length = declared ?? knownLength;
  if (length !== undefined && length < COMPRESS_MIN_BYTES) return null;
  res.removeHeader("content-length");
  res.setHeader("content-encoding", encoding);
  // The bytes differ from the identity answer's: a strong validator would claim otherwise.
  const etag = res.getHeader("etag");
  if (typeof etag === "string" && !etag.startsWith("W/")) res.setHeader("etag", `W/${etag}`);
  return encoding === "br"
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, ...(length ? { [constants.BROTLI_PARAM_SIZE_HINT]: length } : {}) } })
    : createGzip({ level: GZIP_LEVEL });
}

interface Writers { write: (chunk: Buffer) => boolean; end: () => void }

function pipeToResponse(compressor: Transform, res: ServerResponse, original: Writers): void {
  compressor.on("data", (chunk: Buffer) => {
    if (!original.write.call(res, chunk)) compressor.pause();
  });
  res.on("drain", () => compressor.resume());
  compressor.once("end", () => original.end.call(res));
  compressor.once("error", () => res.destroy());
  res.once("close", () => compressor.destroy());
}

function addVary(res: ServerResponse): void {
  const vary = String(res.getHeader("vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

/** `writeHead(status, headers)`: headers as an object or a flat [name, value, …] list, set before deciding. */
function setHeaderArgument(res: ServerResponse, headers: unknown): void {
  if (!headers || typeof headers !== "object") return;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    return;
  }
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string);
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

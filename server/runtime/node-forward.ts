import type { ServerResponse } from "node:http";
import type { H3Event } from "h3";
import { Pool, type Dispatcher } from "undici";
import { MAX_JSON_RESPONSE_BYTES, RuntimeFailure, type HeldAnswer, type UpstreamRequest } from "./contract";
import { KEPT_RESPONSE_HEADERS, keptResponseHeaders } from "./kept-headers";

// One keep-alive pool per upstream origin (the few configured bases), driven
// through undici's dispatch callbacks: no fetch, no web streams, no intermediate
// Readable, no Agent lookup (profiles showed those as most of the proxy's cost).
const pools = new Map<string, Pool>();
const poolFor = (origin: string) => pools.get(origin) ?? newPool(origin);

function newPool(origin: string): Pool {
  const pool = new Pool(origin, { connections: 128, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  pools.set(origin, pool);
  return pool;
}

class Deadline extends Error {}
class ClientGone extends Error {}
/** Logged for a client that hung up before its answer (nginx's convention); nothing is sent. */
const CLIENT_CLOSED_REQUEST = 499;
const TOO_LARGE = new RuntimeFailure("too_large");

/**
 * Calls the upstream. A JSON answer is small and held until complete (bounded),
 * so a reset mid-body still becomes a clean 502, and returned for the rule's
 * response policy; a document is streamed to the client with backpressure up
 * to the response cap. Throws a RuntimeFailure whenever nothing has been sent yet.
 * `timeoutMs` bounds a JSON call in total; for a document it bounds the wait for
 * the headers and then each silence between body chunks (undici's bodyTimeout,
 * which does not run while the client's backpressure pauses the body), so a
 * slow client or a long, steady download is never cut.
 */
export function forwardUpstream(event: H3Event, request: UpstreamRequest): Promise<HeldAnswer | void> {
  return new Promise((resolve, reject) => {
    const res = event.node.res;
    let sink: HeldSink | StreamedAnswer = new HeldSink();
    let abort: ((reason: Error) => void) | undefined;
    let settled = false;
    // Before the call is dispatched there is nothing to abort: the failure settles it.
    const fail = (reason: Error) => (abort ? abort(reason) : settle(reason));
    const deadline = setTimeout(() => fail(new Deadline()), request.timeoutMs);
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error === undefined) return resolve(sink.answer());
      if (error instanceof ClientGone) return resolve(void (res.statusCode = CLIENT_CLOSED_REQUEST));
      if (sink.started) return resolve(void res.destroy());
      reject(toFailure(error));
    };
    res.once("close", () => !settled && fail(new ClientGone()));
    // undici's own handler callbacks, with the raw header lines: its controller API (onResponseStart…)
    // goes through an adapter that allocates per call and parses every header into an object first.
    const dispatch = () => poolFor(request.origin).dispatch(dispatchOptions(request), {
      onConnect: (abortRequest: (reason: Error) => void) => void (abort = abortRequest),
      onHeaders(status: number, rawHeaders: Buffer[], resume: () => void) {
        const headers = readKeptHeaders(rawHeaders);
        const verdict = request.judge(status, headers.get("content-type"), numeric(headers.get("content-length")), request);
        if (verdict instanceof RuntimeFailure) {
          abort!(verdict);
          return false;
        }
        // A document streams; its error answer (4xx JSON) is held like any JSON, never passed on.
        if (verdict === "stream") {
          clearTimeout(deadline);
          sink = new StreamedAnswer(res, request.maxResponseBytes, resume);
        }
        sink.begin(status, headers);
        return true;
      },
      onData: (chunk: Buffer) => sink.write(chunk, abort!),
      onComplete() {
        sink.end();
        settle();
      },
      onError: (error: Error) => settle(error),
    });
    // Sent from a setImmediate, with the other calls of the same event-loop turn: the upstream's side is woken
    // once for all of them (on loopback the writer pays each wake-up; tests/bench/RESULTS.md, round 5).
    setImmediate(() => !settled && dispatch());
  });
}

function dispatchOptions(request: UpstreamRequest): Dispatcher.DispatchOptions {
  return {
    origin: request.origin, path: request.path, method: request.method, headers: request.headers, body: request.body,
    headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs,
  };
}

/** The kept headers an upstream sent, by lower-case name; one sent more than once reads as absent. */
type UpstreamHeaders = Map<string, string | undefined>;

const KEPT = new Set<string>(KEPT_RESPONSE_HEADERS);
const KEPT_NAME_LENGTHS = new Set([...KEPT].map((name) => name.length));

/** Only the kept headers' lines are decoded (as undici does: names latin1, lower-cased; values UTF-8). */
function readKeptHeaders(raw: Buffer[]): UpstreamHeaders {
  const headers: UpstreamHeaders = new Map();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!KEPT_NAME_LENGTHS.has(raw[i].length)) continue;
    const name = raw[i].toString("latin1").toLowerCase();
    if (KEPT.has(name)) headers.set(name, headers.has(name) ? undefined : raw[i + 1].toString("utf8"));
  }
  return headers;
}

/** Collects a JSON answer (at most MAX_JSON_RESPONSE_BYTES); nothing reaches the client from here. */
class HeldSink {
  readonly started = false;
  private status = 0;
  private headers: UpstreamHeaders = new Map();
  private chunks: Buffer[] = [];
  private bytes = 0;

  begin(status: number, headers: UpstreamHeaders) {
    this.status = status;
    this.headers = headers;
  }

  write(chunk: Buffer, abort: (reason: Error) => void): boolean {
    this.bytes += chunk.length;
    if (this.bytes > MAX_JSON_RESPONSE_BYTES) abort(TOO_LARGE);
    else this.chunks.push(chunk);
    return true;
  }

  end() {}

  answer(): HeldAnswer {
    // Decoded here (Buffer's UTF-8 decoder is cheaper than a TextDecoder for small bodies).
    const body = (this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bytes)).toString();
    return { status: this.status, headers: keptResponseHeaders((header) => this.headers.get(header)), body };
  }
}

/** Streams a document as it arrives, pausing the upstream while the client is slow. */
class StreamedAnswer {
  started = false;
  private bytes = 0;

  constructor(private readonly res: ServerResponse, private readonly maxBytes: number, private readonly resume: () => void) {}

  begin(status: number, headers: UpstreamHeaders) {
    for (const [name, value] of keptResponseHeaders((header) => headers.get(header))) this.res.setHeader(name, value);
    this.res.writeHead(status);
    this.started = true;
  }

  /** False pauses the upstream until the client drained what it has. */
  write(chunk: Buffer, abort: (reason: Error) => void): boolean {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      abort(TOO_LARGE);
      return true;
    }
    if (this.res.write(chunk)) return true;
    this.res.once("drain", this.resume);
    return false;
  }

  end() {
    this.res.end();
  }

  answer(): void {}
}

function toFailure(error: unknown): RuntimeFailure {
  if (error instanceof RuntimeFailure) return error;
  const code = (error as { code?: string }).code;
  if (error instanceof Deadline || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new RuntimeFailure("timeout");
  }
  return new RuntimeFailure("unavailable");
}

const numeric = (value: string | undefined) => (value === undefined ? undefined : Number(value));

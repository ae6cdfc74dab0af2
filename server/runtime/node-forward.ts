import type { ServerResponse } from "node:http";
import type { H3Event } from "h3";
import { Pool, type Dispatcher } from "undici";
import { MAX_JSON_RESPONSE_BYTES, RuntimeFailure, type HeldAnswer, type UpstreamRequest } from "./contract";
import { keptResponseHeaders } from "./kept-headers";

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
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    const deadline = setTimeout(() => controller?.abort(new Deadline()), request.timeoutMs);
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error === undefined) return resolve(sink.answer());
      if (error instanceof ClientGone) return resolve(void (res.statusCode = CLIENT_CLOSED_REQUEST));
      if (sink.started) return resolve(void res.destroy());
      reject(toFailure(error));
    };
    res.once("close", () => !settled && controller?.abort(new ClientGone()));
    poolFor(request.origin).dispatch(dispatchOptions(request), {
      onRequestStart: (ctrl) => void (controller = ctrl),
      onResponseStart(ctrl, status, headers) {
        const verdict = request.judge(status, text(headers["content-type"]), numeric(headers["content-length"]), request);
        if (verdict instanceof RuntimeFailure) return ctrl.abort(verdict);
        // A document streams; its error answer (4xx JSON) is held like any JSON, never passed on.
        if (verdict === "stream") {
          clearTimeout(deadline);
          sink = new StreamedAnswer(res, request.maxResponseBytes);
        }
        sink.begin(status, headers);
      },
      onResponseData: (ctrl, chunk) => sink.write(ctrl, chunk),
      onResponseEnd() {
        sink.end();
        settle();
      },
      onResponseError: (_ctrl, error) => settle(error),
    });
  });
}

function dispatchOptions(request: UpstreamRequest): Dispatcher.DispatchOptions {
  return {
    origin: request.origin, path: request.path, method: request.method, headers: request.headers, body: request.body,
    headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs,
  };
}

type UpstreamHeaders = Record<string, string | string[] | undefined>;

/** Collects a JSON answer (at most MAX_JSON_RESPONSE_BYTES); nothing reaches the client from here. */
class HeldSink {
  readonly started = false;
  private status = 0;
  private headers: UpstreamHeaders = {};
  private chunks: Buffer[] = [];
  private bytes = 0;

  begin(status: number, headers: UpstreamHeaders) {
    this.status = status;
    this.headers = headers;
  }

  write(ctrl: Dispatcher.DispatchController, chunk: Buffer) {
    this.bytes += chunk.length;
    if (this.bytes > MAX_JSON_RESPONSE_BYTES) return ctrl.abort(TOO_LARGE);
    this.chunks.push(chunk);
  }

  end() {}

  answer(): HeldAnswer {
    // Decoded here (Buffer's UTF-8 decoder is cheaper than a TextDecoder for small bodies).
    const body = (this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bytes)).toString();
    return { status: this.status, headers: keptResponseHeaders((header) => text(this.headers[header])), body };
  }
}

/** Streams a document as it arrives, pausing the upstream while the client is slow. */
class StreamedAnswer {
  started = false;
  private bytes = 0;

  constructor(private readonly res: ServerResponse, private readonly maxBytes: number) {}

  begin(status: number, headers: UpstreamHeaders) {
    setKeptHeaders(this.res, headers);
    this.res.writeHead(status);
    this.started = true;
  }

  write(ctrl: Dispatcher.DispatchController, chunk: Buffer) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return ctrl.abort(TOO_LARGE);
    if (this.res.write(chunk)) return;
    ctrl.pause();
    this.res.once("drain", () => ctrl.resume());
  }

  end() {
    this.res.end();
  }

  answer(): void {}
}

function setKeptHeaders(res: ServerResponse, headers: UpstreamHeaders): void {
  for (const [name, value] of keptResponseHeaders((header) => text(headers[header]))) res.setHeader(name, value);
}

function toFailure(error: unknown): RuntimeFailure {
  if (error instanceof RuntimeFailure) return error;
  const code = (error as { code?: string }).code;
  if (error instanceof Deadline || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new RuntimeFailure("timeout");
  }
  return new RuntimeFailure("unavailable");
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const numeric = (value: string | string[] | undefined) => (typeof value === "string" ? Number(value) : undefined);

import type { H3Event } from "h3";
import { concatBytes } from "./bytes";
import { MAX_JSON_RESPONSE_BYTES, RuntimeFailure, type HeldAnswer, type UpstreamRequest } from "./contract";
import { keptResponseHeaders } from "./kept-headers";

/** One upstream call's timer: it aborts the fetch (and its body) when it runs out; `aborted` tells a timeout from other failures. */
class Deadline {
  readonly controller = new AbortController();
  aborted = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ms: number) {
    this.restart();
  }

  restart(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.controller.abort();
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/**
 * The Node forwarder's policy with fetch and web streams (workerd): a JSON answer
 * held until complete within the timeout and returned for the rule's response
 * policy; a document streamed, the timeout bounding the wait for its headers and
 * then each wait for the next body chunk (never the client's own download time).
 */
export async function forwardUpstream(_event: H3Event, request: UpstreamRequest): Promise<HeldAnswer | Response> {
  const deadline = new Deadline(request.timeoutMs);
  const response = await fetchUpstream(request, deadline);
  const length = response.headers.get("content-length");
  const verdict = request.judge(response.status, response.headers.get("content-type") ?? undefined,
    length === null ? undefined : Number(length), request);
  if (verdict instanceof RuntimeFailure) {
    deadline.stop();
    await response.body?.cancel().catch(() => {});
    throw verdict;
  }
  const headers = keptResponseHeaders((name) => response.headers.get(name) ?? undefined);
  if (verdict === "hold") { // JSON, and a document's error answer too: never passed on
    const body = await readHeld(response, MAX_JSON_RESPONSE_BYTES, deadline).finally(() => deadline.stop());
    return { status: response.status, headers, body };
  }
  // workerd ends an errored body stream as if complete (cloudflare/workerd#6818), so a document
  // without a declared length is held up to the cap: a cut is then a clean 502, not a short PDF.
  if (length === null || !response.body) {
    const body = await readHeld(response, request.maxResponseBytes, deadline, true).finally(() => deadline.stop());
    return sendHeldAnswer(_event, { status: response.status, headers, body });
  }
  deadline.stop();
  const body = guardStream(response.body, request.maxResponseBytes, deadline, length);
  return new Response(body, { status: response.status, headers: new Headers(headers) });
}

/** A shaped JSON answer, as a Response of known length. */
export function sendHeldAnswer(_event: H3Event, answer: HeldAnswer): Response {
  const headers = new Headers(answer.headers);
  const body = typeof answer.body === "string" ? encoder.encode(answer.body) : answer.body;
  headers.set("content-length", String(body.byteLength));
  return new Response(body as BodyInit, { status: answer.status, headers });
}

const encoder = new TextEncoder();

async function fetchUpstream(request: UpstreamRequest, deadline: Deadline): Promise<Response> {
  try {
    return await fetch(request.origin + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: deadline.controller.signal,
    });
  } catch {
    deadline.stop();
    throw new RuntimeFailure(deadline.aborted ? "timeout" : "unavailable");
  }
}

/** The whole body within `deadline`: in total, or (`idle`, a document) for each wait for the next chunk. */
async function readHeld(response: Response, maxBytes: number, deadline: Deadline, idle = false): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      if (idle) deadline.restart();
      const next = await reader?.read();
      if (!next || next.done) break;
      total += next.value.byteLength;
      if (total > maxBytes) throw new Error("too large");
      chunks.push(next.value);
    }
  } catch {
    void reader?.cancel().catch(() => {});
    throw new RuntimeFailure(deadline.aborted ? "timeout" : total > maxBytes ? "too_large" : "unavailable");
  }
  return concatBytes(chunks, total);
}

// workerd sends a stream of known length with Content-Length only through its FixedLengthStream.
declare const FixedLengthStream: (new (length: number) => TransformStream<Uint8Array, Uint8Array>) | undefined;

/**
 * The document's body, pulled only as fast as the client reads: the idle timer
 * runs while a chunk is awaited from the upstream, never while the client is slow.
 */
function guardStream(body: ReadableStream<Uint8Array>, maxBytes: number, deadline: Deadline, length: string): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  const guarded = new ReadableStream<Uint8Array>({
    async pull(controller) {
      deadline.restart();
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        bytes += value.byteLength;
        if (bytes > maxBytes) throw new Error("upstream response too large");
        controller.enqueue(value);
      } catch (error) {
        void reader.cancel().catch(() => {});
        throw error;
      } finally {
        deadline.stop();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  }, { highWaterMark: 0 });
  if (typeof FixedLengthStream === "undefined") return guarded;
  return guarded.pipeThrough(new FixedLengthStream(Number(length)));
}

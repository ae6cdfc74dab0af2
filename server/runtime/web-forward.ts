import type { H3Event } from "h3";
import { concatBytes } from "../utils/bytes";
import { gatewayError } from "../utils/errors";
import type { UpstreamRequest } from "../utils/proxy-request";
import { judgeUpstreamResponse, keptResponseHeaders, MAX_JSON_RESPONSE_BYTES } from "../utils/upstream-policy";

/** The Node forwarder's policy with fetch and web streams (workerd): JSON held until complete, documents streamed. */
export async function forwardUpstream(_event: H3Event, request: UpstreamRequest): Promise<Response> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const response = await fetchUpstream(request, deadline);
  const length = response.headers.get("content-length");
  const verdict = judgeUpstreamResponse(response.status, response.headers.get("content-type") ?? undefined,
    length === null ? undefined : Number(length), request.responds, request.maxResponseBytes);
  if (!verdict.pass) {
    await response.body?.cancel().catch(() => {});
    throw gatewayError(verdict.code, verdict.endSession ? { clearSession: true } : {});
  }
  const headers = new Headers(keptResponseHeaders((name) => response.headers.get(name) ?? undefined));
  // workerd ends an errored body stream as if complete (cloudflare/workerd#6818), so a document
  // without a declared length is held up to the cap: a cut is then a clean 502, not a short PDF.
  if (request.responds === "json" || !response.body || length === null) {
    const body = await readHeld(response, request.responds === "json" ? MAX_JSON_RESPONSE_BYTES : request.maxResponseBytes, deadline);
    headers.set("content-length", String(body.byteLength));
    return new Response(body as BodyInit, { status: response.status, headers });
  }
  return new Response(capStream(response.body, request.maxResponseBytes, length), { status: response.status, headers });
}

/** The deadline's own state tells a timeout from other failures: error names differ between runtimes. */
async function fetchUpstream(request: UpstreamRequest, deadline: AbortSignal): Promise<Response> {
  try {
    return await fetch(request.origin + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: deadline,
    });
  } catch {
    throw gatewayError(deadline.aborted ? "upstream_timeout" : "upstream_unavailable");
  }
}

async function readHeld(response: Response, maxBytes: number, deadline: AbortSignal): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new Error("too large");
      chunks.push(chunk);
    }
  } catch {
    throw gatewayError(deadline.aborted ? "upstream_timeout" : total > maxBytes ? "upstream_error" : "upstream_unavailable");
  }
  return concatBytes(chunks, total);
}

// workerd sends a stream of known length with Content-Length only through its FixedLengthStream.
declare const FixedLengthStream: (new (length: number) => TransformStream<Uint8Array, Uint8Array>) | undefined;

function capStream(body: ReadableStream<Uint8Array>, maxBytes: number, length: string | null): ReadableStream<Uint8Array> {
  let bytes = 0;
  const capped = body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) controller.error(new Error("upstream response too large"));
      else controller.enqueue(chunk);
    },
  }));
  if (length === null || typeof FixedLengthStream === "undefined") return capped;
  return capped.pipeThrough(new FixedLengthStream(Number(length)));
}

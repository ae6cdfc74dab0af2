import type { H3Event } from "h3";
import { gatewayError } from "../utils/errors";
import type { UpstreamRequest } from "../utils/proxy-request";
import { judgeUpstreamResponse, KEPT_RESPONSE_HEADERS } from "../utils/upstream-policy";

/** The same policy as the Node forwarder, with fetch and web streams (workerd). */
export async function forwardUpstream(_event: H3Event, request: UpstreamRequest): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request.origin + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw gatewayError((error as Error).name === "TimeoutError" ? "upstream_timeout" : "upstream_unavailable");
  }
  const length = response.headers.get("content-length");
  const verdict = judgeUpstreamResponse(response.status, response.headers.get("content-type") ?? undefined,
    length === null ? undefined : Number(length), request.responds, request.maxResponseBytes);
  if (!verdict.pass) {
    await response.body?.cancel();
    throw gatewayError(verdict.code, verdict.endSession ? { clearSession: true } : {});
  }
  const headers = new Headers();
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(response.body && capStream(response.body, request.maxResponseBytes), { status: response.status, headers });
}

function capStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let bytes = 0;
  return body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) controller.error(new Error("upstream response too large"));
      else controller.enqueue(chunk);
    },
  }));
}

// workerd's runtime, chosen at build time through the `#gateway-runtime` alias.
import type { H3Event } from "h3";
import { concatBytes } from "./bytes";
import {
  JSON_ANSWER_MAX_BYTES, RuntimeFailure, type AdminHandler, type AdminListen, type GatewayMetrics, type GatewayRuntime,
  type JsonAnswer, type ServiceAnswer, type ServiceCall, type ShutdownReport,
} from "./contract";
import type { RemoteStoreOptions, StoreBackend } from "./stores/contract";
import { createKvBackend } from "./stores/kv";
import { hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, sha256, toBase64Url } from "./web-crypto";
import { hmacSha256Bytes, importFlowPrivateKey, openFlowPayload, sealFlowPayload, unwrapFlowKey } from "./web-flow-crypto";
import { forwardUpstream, sendHeldAnswer } from "./web-forward";

export { forwardUpstream, hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, sendHeldAnswer, sha256, toBase64Url };
export { hmacSha256Bytes, importFlowPrivateKey, openFlowPayload, sealFlowPayload, unwrapFlowKey };

export function warmUp(): void {}
/** Cloudflare compresses at its edge, per the client's Accept-Encoding. */
export function compressResponse(_event: H3Event): void {}
/** workerd owns its listener: connection limits are the platform's. */
export function limitHttpServers(_limits: unknown): void {}

/** A worker has one listener, the platform's: no admin listener, so no /metrics either. */
export function hasAdminListener(): boolean {
  return false;
}

export function startAdminServer(_listen: AdminListen, _handle: AdminHandler): Promise<() => Promise<void>> {
  throw new RuntimeFailure("misconfigured", "NITRO_ADMIN_PORT: there is no admin listener on workerd; leave it unset");
}

export function createMetrics(): Promise<GatewayMetrics> {
  throw new RuntimeFailure("misconfigured", "metrics need the admin listener, which workerd does not have");
}

export function writeLine(text: string, error: boolean): void {
  if (error) console.error(text);
  else console.log(text);
}

export function createRemoteBackend(options: RemoteStoreOptions): StoreBackend {
  if (options.kind !== "kv") throw new RuntimeFailure("misconfigured", "NITRO_SESSION_STORAGE: redis is not available on workerd; use kv:<BINDING>");
  return createKvBackend({ sessions: options.binding, counters: options.counterBinding }, options.prefix);
}

/**
 * A worker sees no peer address of its own. CF-Connecting-IP is only a header
 * the client may have written, unless Cloudflare sets it: server/utils/client-address.ts
 * reads it when NITRO_TRUST_CF_CONNECTING_IP=true.
 */
export function clientAddress(_event: H3Event): string | undefined {
  return undefined;
}

/** The request body as its stream (server/runtime/workerd-entry.ts leaves it unread); empty when there is none. */
export function requestBodyStream(event: H3Event): ReadableStream<Uint8Array> {
  const request = (event.context.cloudflare as { request?: Request } | undefined)?.request;
  return request?.body ?? new ReadableStream({ start: (controller) => controller.close() });
}

/** A worker cannot exit: the gateway logs the error once and every request answers 503 until the configuration is fixed. */
export function reportFatalConfigError(_message: string): void {}

/** An isolate is not stopped by a signal: nothing to report. */
export function watchShutdown(_report: ShutdownReport): void {}

/**
 * fetch with one deadline for the whole call, body included, and at most
 * JSON_ANSWER_MAX_BYTES of answer.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const answer = await callService({
    method: "POST", url, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body),
    timeoutMs, maxResponseBytes: JSON_ANSWER_MAX_BYTES,
  });
  return { status: answer.status, body: parseJson(new TextDecoder().decode(answer.body)) };
}

/** Any held call with the same deadline and byte bound. The deadline's own state tells a timeout: error names differ between runtimes. */
export async function callService(call: ServiceCall): Promise<ServiceAnswer> {
  const deadline = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: call.method, body: call.body as BodyInit | undefined, headers: call.headers, signal: deadline, redirect: "manual",
    });
    const body = await readCapped(response, call.maxResponseBytes);
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body };
  } catch (error) {
    if (error instanceof RuntimeFailure) throw error;
    throw new RuntimeFailure(deadline.aborted ? "timeout" : "unavailable");
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RuntimeFailure("too_large");
    }
    chunks.push(read.value);
  }
  return concatBytes(chunks, total);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Every concern of the contract (server/runtime/contract.ts): GatewayRuntime is their intersection.
void ({
  forwardUpstream, sendHeldAnswer, compressResponse, postJson, callService, createRemoteBackend, limitHttpServers, hasAdminListener, startAdminServer,
  createMetrics, warmUp, writeLine, clientAddress,
  requestBodyStream, reportFatalConfigError, watchShutdown, toBase64Url, sha256, hmacSha256, randomBytesFromPool, hkdfSha256, sealAesGcm, openAesGcm,
  importFlowPrivateKey, unwrapFlowKey, openFlowPayload, sealFlowPayload, hmacSha256Bytes,
} satisfies GatewayRuntime);

// workerd pieces, chosen at build time through the `#gateway-runtime` alias.
import type { H3Event } from "h3";
import type { ConfigError, GatewayConfig } from "../utils/config";
import { writeLog } from "../utils/log";
import { createKvBackend } from "../utils/store/kv";
import { createMemoryBackend } from "../utils/store/memory";
import type { StoreBackend } from "../utils/store/types";

export { forwardUpstream, sendHeldAnswer } from "./web-forward";
export { postJson } from "./web-json";
export { JsonCallTimeout } from "./json-timeout";

export function warmUp(): void {}
/** workerd owns its listener: connection limits are the platform's. */
export function limitHttpServers(_limits: unknown): void {}
export { hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, sha256 } from "./web-crypto";

export function writeLine(text: string, error: boolean): void {
  if (error) console.error(text);
  else console.log(text);
}

export function createStoreBackend(config: GatewayConfig): StoreBackend {
  const { spec, keyPrefix, counterBinding } = config.store;
  if (spec.kind === "kv") return createKvBackend({ sessions: spec.binding, counters: counterBinding }, keyPrefix);
  if (spec.kind === "memory") return createMemoryBackend(config.session.maxEntries);
  throw new Error("NITRO_SESSION_STORAGE: redis is not available on workerd; use kv:<BINDING>");
}

/**
 * A worker sees no peer address of its own. CF-Connecting-IP is only a header
 * the client may have written, unless Cloudflare sets it: server/utils/client-ip.ts
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

/** A worker cannot exit: the error is logged and every request answers 503 until the configuration is fixed. */
export function reportFatalConfigError(error: ConfigError): void {
  writeLog({ level: "error", msg: error.message });
}

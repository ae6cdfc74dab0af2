// Node-only pieces, chosen at build time through the `#gateway-runtime` alias.
import type { H3Event } from "h3";
import type { ConfigError, GatewayConfig } from "../utils/config";
import type { HeldAnswer, UpstreamRequest } from "../utils/proxy-request";
import { lazyBackend } from "../utils/store/lazy";
import { createMemoryBackend } from "../utils/store/memory";
import type { StoreBackend } from "../utils/store/types";
import type * as NodeForward from "./node-forward";
import type * as NodeJson from "./node-json";
import type { JsonAnswer } from "./node-json";

export { JsonCallTimeout } from "./json-timeout";
export { hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, sha256 } from "./node-crypto";
export { limitHttpServers } from "./node-server";

// undici and ioredis load on first use (or by warmUp just after start), so a
// new instance answers its first health check without waiting for them.
let forwarder: Promise<typeof NodeForward> | undefined;
let jsonClient: Promise<typeof NodeJson> | undefined;
const loadForwarder = () => (forwarder ??= import("./node-forward"));
const loadJsonClient = () => (jsonClient ??= import("./node-json"));

export async function forwardUpstream(event: H3Event, request: UpstreamRequest): Promise<HeldAnswer | void> {
  return (await loadForwarder()).forwardUpstream(event, request);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  return (await loadJsonClient()).postJson(url, body, headers, timeoutMs);
}

/** A shaped JSON answer, written in one piece. */
export function sendHeldAnswer(event: H3Event, answer: HeldAnswer): void {
  const res = event.node.res;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.setHeader("content-length", answer.body.byteLength);
  res.writeHead(answer.status).end(answer.body);
}

export function warmUp(): void {
  setTimeout(() => void Promise.all([loadForwarder(), loadJsonClient(), import("../shared/msisdn")]), 50).unref();
}

/** One log line; a direct write, without console's formatting. */
export function writeLine(text: string, error: boolean): void {
  (error ? process.stderr : process.stdout).write(`${text}\n`);
}

export function createStoreBackend(config: GatewayConfig): StoreBackend {
  const { spec, keyPrefix, timeoutMs } = config.store;
  if (spec.kind === "redis") {
    return lazyBackend("redis", () => import("../utils/store/redis").then((m) => m.createRedisBackend(spec.url, keyPrefix, timeoutMs)));
  }
  if (spec.kind === "memory") return createMemoryBackend(config.session.maxEntries);
  throw new Error("NITRO_SESSION_STORAGE: kv:<BINDING> is only available on workerd");
}

export function clientAddress(event: H3Event): string | undefined {
  return event.node.req.socket?.remoteAddress;
}

/** Node reads the body from `event.node.req` (server/utils/body.ts). */
export function requestBodyStream(_event: H3Event): ReadableStream<Uint8Array> | undefined {
  return undefined;
}

/** Prints the problems (no stack trace) and exits non-zero before the server listens. */
export function reportFatalConfigError(error: ConfigError): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// Node's runtime, chosen at build time through the `#gateway-runtime` alias.
import type { H3Event } from "h3";
import type {
  AdminHandler, AdminListen, GatewayMetrics, GatewayRuntime, HeldAnswer, JsonAnswer, SentAnswer, ServiceAnswer, ServiceCall, ShutdownReport, UpstreamRequest,
} from "./contract";
import { RuntimeFailure } from "./contract";
import { tuneCollector } from "./node-collector";
import { compressResponse as compressNodeResponse } from "./node-compress";
import { hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, sha256 } from "./node-crypto";
import { hmacSha256Bytes, importFlowPrivateKey, openFlowPayload, sealFlowPayload, unwrapFlowKey } from "./node-flow-crypto";
import type * as NodeForward from "./node-forward";
import type * as NodeJson from "./node-json";
import { limitHttpServers } from "./node-server";
import type { RemoteStoreOptions, StoreBackend } from "./stores/contract";
import { lazyBackend } from "./stores/lazy-backend";

export { hkdfSha256, hmacSha256, limitHttpServers, openAesGcm, randomBytesFromPool, sealAesGcm, sha256 };
export { hmacSha256Bytes, importFlowPrivateKey, openFlowPayload, sealFlowPayload, unwrapFlowKey };

tuneCollector();

// undici and ioredis load on first use (or by warmUp just after start), so a
// new instance answers its first health check without waiting for them.
let forwarder: Promise<typeof NodeForward> | undefined;
let loadedForwarder: typeof NodeForward | undefined;
let jsonClient: Promise<typeof NodeJson> | undefined;
const loadForwarder = () => (forwarder ??= import("./node-forward").then((module) => (loadedForwarder = module)));
const loadJsonClient = () => (jsonClient ??= import("./node-json"));

// Once loaded, the forwarder is called directly: no extra await per proxied call.
export function forwardUpstream(event: H3Event, request: UpstreamRequest): Promise<HeldAnswer | void> {
  if (loadedForwarder) return loadedForwarder.forwardUpstream(event, request);
  return loadForwarder().then((module) => module.forwardUpstream(event, request));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  return (await loadJsonClient()).postJson(url, body, headers, timeoutMs);
}

export async function callService(call: ServiceCall): Promise<ServiceAnswer> {
  return (await loadJsonClient()).callService(call);
}

/**
 * Status and headers set, the body returned: h3 writes it with the answers of the same event-loop turn (its `send`
 * ends responses from a setImmediate), one system call each, after the log line's status is known. Written at once
 * instead, each answer woke the client's side on its own: on loopback that wake-up is paid by the writer (the gateway
 * spent 44 µs per call in write(2) against the floor's 27 for the same writes; tests/bench/RESULTS.md, round 5).
 */
export function sendHeldAnswer(event: H3Event, answer: HeldAnswer): SentAnswer {
  const res = event.node.res;
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  const { body } = answer;
  res.setHeader("content-length", typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  return body;
}

export function compressResponse(event: H3Event): void {
  compressNodeResponse(event.node.req, event.node.res);
}

export function warmUp(): void {
  setTimeout(() => void Promise.all([loadForwarder(), loadJsonClient(), import("../shared/msisdn")]), 50).unref();
}

/** A direct write, without console's formatting. */
// Info and warning lines leave in one write per event-loop turn (a system call
// each otherwise); an error line first flushes them, then goes out at once.
let queuedLines: string[] = [];

export function writeLine(text: string, error: boolean): void {
  if (error) {
    flushLines();
    process.stderr.write(`${text}\n`);
    return;
  }
  if (queuedLines.length === 0) setImmediate(flushLines);
  queuedLines.push(text);
}

function flushLines(): void {
  if (queuedLines.length === 0) return;
  const text = queuedLines.join("\n");
  queuedLines = [];
  process.stdout.write(`${text}\n`);
}

process.once("exit", flushLines);

/**
 * Nitro's node-server drains on these signals itself (nitropack's runtime/internal/shutdown.ts): the same
 * variables and defaults here, so the log says what it does. With NITRO_SHUTDOWN_DISABLED no signal is
 * watched (a listener would keep the signal from ending the process).
 */
export function watchShutdown(report: ShutdownReport): void {
  process.once("exit", (code) => {
    report.exited(code);
    flushLines();
  });
  if (process.env.NITRO_SHUTDOWN_DISABLED) return;
  const signals = (process.env.NITRO_SHUTDOWN_SIGNALS || "SIGTERM SIGINT").split(" ").map((s) => s.trim()).filter(Boolean);
  const timeoutMs = Number.parseInt(process.env.NITRO_SHUTDOWN_TIMEOUT || "", 10) || 30_000;
  let draining = false;
  const onSignal = (signal: string) => {
    if (draining) return;
    draining = true;
    report.draining(signal, timeoutMs);
  };
  for (const signal of signals) process.on(signal, onSignal);
}

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

export function createRemoteBackend(options: RemoteStoreOptions): StoreBackend {
  if (options.kind !== "redis") throw new RuntimeFailure("misconfigured", "NITRO_SESSION_STORAGE: kv:<BINDING> is only available on workerd");
  const { url, prefix, timeoutMs } = options;
  return lazyBackend(() => import("./stores/redis").then((m) => m.createRedisBackend(url, prefix, timeoutMs)));
}

export function hasAdminListener(): boolean {
  return true;
}

// The admin listener and prom-client load only when NITRO_ADMIN_PORT is set.
export async function startAdminServer(listen: AdminListen, handle: AdminHandler): Promise<() => Promise<void>> {
  return (await import("./node-admin")).startAdminServer(listen, handle);
}

export async function createMetrics(): Promise<GatewayMetrics> {
  return (await import("./node-metrics")).createMetrics();
}

export function clientAddress(event: H3Event): string | undefined {
  return event.node.req.socket?.remoteAddress;
}

/** Node reads the body from `event.node.req` (server/utils/body.ts). */
export function requestBodyStream(_event: H3Event): ReadableStream<Uint8Array> | undefined {
  return undefined;
}

/** Prints the problems (no stack trace) and exits non-zero before the server listens. */
export function reportFatalConfigError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Every concern of the contract (server/runtime/contract.ts): GatewayRuntime is their intersection.
void ({
  forwardUpstream, sendHeldAnswer, compressResponse, postJson, callService, createRemoteBackend, limitHttpServers, hasAdminListener, startAdminServer,
  createMetrics, warmUp, writeLine, clientAddress,
  requestBodyStream, reportFatalConfigError, watchShutdown, toBase64Url, sha256, hmacSha256, randomBytesFromPool, hkdfSha256, sealAesGcm, openAesGcm,
  importFlowPrivateKey, unwrapFlowKey, openFlowPayload, sealFlowPayload, hmacSha256Bytes,
} satisfies GatewayRuntime);

import { createRemoteBackend } from "#gateway-runtime";
import { RuntimeFailure } from "../../runtime/contract";
import type { StoreBackend } from "../../runtime/stores/contract";
import { ConfigError, type GatewayConfig } from "../config";
import { gatewayError } from "../errors";
import { writeLog } from "../log";
import { countStoreError } from "../metrics";
import { createMemoryBackend, StoreFullError } from "../../runtime/stores/memory";

/** The configured store: memory here, anything shared from the runtime (Redis on Node, KV and Durable Objects on workerd). Throws ConfigError. */
export function openGatewayStore(config: GatewayConfig): GatewayStore {
  const { spec, keyPrefix: prefix, timeoutMs, counterBinding } = config.store;
  if (spec.kind === "memory") return createGatewayStore(createMemoryBackend(config.session.maxEntries));
  try {
    const options = spec.kind === "redis" ? { ...spec, prefix, timeoutMs } : { ...spec, prefix, counterBinding };
    return createGatewayStore(createRemoteBackend(options));
  } catch (error) {
    if (error instanceof RuntimeFailure && error.kind === "misconfigured") throw new ConfigError([error.message]);
    throw error;
  }
}

/**
 * The gateway's view of storage: session records, single-use nonces and
 * counters, namespaced under one backend. Any storage failure becomes a 503
 * `service_unavailable`; nothing about the backend reaches the client.
 */
export interface GatewayStore
  extends Pick<StoreBackend, "claimNonce" | "releaseNonce" | "incrementCounter" | "readCounter" | "ping" | "dispose"> {
  getSession<T>(key: string): Promise<T | null>;
  saveSession(key: string, record: unknown, ttlSeconds: number): Promise<void>;
  /** Rewrites a session that still exists; never brings back one that was deleted (a logout racing a read). */
  touchSession(key: string, record: unknown, ttlSeconds: number): Promise<boolean>;
  deleteSession(key: string): Promise<void>;
  /** The per-number session index (`subject`: the number's HMAC), kept for revocation. */
  indexSession(subject: string, key: string, ttlSeconds: number): Promise<void>;
  unindexSession(subject: string, key: string): Promise<void>;
  /** Deletes every indexed session of the number; how many were live. */
  revokeSessions(subject: string): Promise<number>;
  /** The paused services operators set at run time, or null while no one has (NITRO_PAUSED_SERVICES then). */
  readPausedServices(): Promise<unknown>;
  writePausedServices(paused: readonly string[]): Promise<void>;
  /** A number's preference that outlives its sessions (a Flow's language): apart from sessions, so no logout leaves one behind. */
  readPreference<T>(key: string): Promise<T | null>;
  savePreference(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

const PAUSED_KEY = "svc:paused";
// No expiry in practice: the state stays until an operator changes it.
const PAUSED_TTL_SECONDS = 10 * 365 * 86_400;

export function createGatewayStore(backend: StoreBackend): GatewayStore {
  return {
    getSession: (key) => guard(backend.getItem(`s:${key}`)) as Promise<never>,
    saveSession: (key, record, ttl) => guard(backend.setItem(`s:${key}`, record, ttl)),
    touchSession: (key, record, ttl) => guard(backend.updateItem(`s:${key}`, record, ttl)),
    deleteSession: (key) => guard(backend.removeItem(`s:${key}`)),
    indexSession: (subject, key, ttl) => guard(backend.addToIndex(subject, key, ttl)),
    unindexSession: (subject, key) => guard(backend.removeFromIndex(subject, key)),
    revokeSessions: (subject) => guard(backend.removeIndexed(subject, "s:")),
    readPausedServices: () => guard(backend.getItem(PAUSED_KEY)),
    writePausedServices: (paused) => guard(backend.setItem(PAUSED_KEY, { paused }, PAUSED_TTL_SECONDS)),
    readPreference: (key) => guard(backend.getItem(`pref:${key}`)) as Promise<never>,
    savePreference: (key, value, ttl) => guard(backend.setItem(`pref:${key}`, value, ttl)),
    claimNonce: (nonce, ttl) => guard(backend.claimNonce(nonce, ttl)),
    releaseNonce: (nonce) => guard(backend.releaseNonce(nonce)),
    incrementCounter: (key, ttl, by) => guard(backend.incrementCounter(key, ttl, by)),
    readCounter: (key) => guard(backend.readCounter(key)),
    ping: () => guard(backend.ping()),
    dispose: () => backend.dispose(),
  };
}

async function guard<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    countStoreError();
    if (error instanceof StoreFullError) reportFull(error);
    throw gatewayError("service_unavailable");
  }
}

const FULL_LOG_INTERVAL_MS = 10_000;
const lastReported = new Map<string, number>();

/** A full memory table, logged by name and bound only (never a key), at most every 10 s per table. */
function reportFull(error: StoreFullError): void {
  const now = Date.now();
  if (now - (lastReported.get(error.table) ?? 0) < FULL_LOG_INTERVAL_MS) return;
  lastReported.set(error.table, now);
  writeLog({ level: "error", msg: "memory store full: refusing new entries until some expire", table: error.table, max: error.max });
}

import { gatewayError } from "../errors";
import type { StoreBackend } from "./types";

export type { StoreBackend } from "./types";

/**
 * The gateway's view of storage: session records, single-use nonces and
 * counters, namespaced under one backend. Any storage failure becomes a 503
 * `service_unavailable`; nothing about the backend reaches the client.
 */
export interface GatewayStore {
  readonly kind: StoreBackend["kind"];
  getSession<T>(key: string): Promise<T | null>;
  saveSession(key: string, record: unknown, ttlSeconds: number): Promise<void>;
  deleteSession(key: string): Promise<void>;
  claimNonce(nonce: string, ttlSeconds: number): Promise<boolean>;
  releaseNonce(nonce: string): Promise<void>;
  incrementCounter(key: string, ttlSeconds: number): Promise<number>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export function createGatewayStore(backend: StoreBackend): GatewayStore {
  return {
    kind: backend.kind,
    getSession: (key) => guard(backend.getItem(`s:${key}`)) as Promise<never>,
    saveSession: (key, record, ttl) => guard(backend.setItem(`s:${key}`, record, ttl)),
    deleteSession: (key) => guard(backend.removeItem(`s:${key}`)),
    claimNonce: (nonce, ttl) => guard(backend.claimNonce(nonce, ttl)),
    releaseNonce: (nonce) => guard(backend.releaseNonce(nonce)),
    incrementCounter: (key, ttl) => guard(backend.incrementCounter(key, ttl)),
    ping: () => guard(backend.ping()),
    dispose: () => backend.dispose(),
  };
}

async function guard<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch {
    throw gatewayError("service_unavailable");
  }
}

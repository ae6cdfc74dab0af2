import type { Storage } from "unstorage";

/** What each storage choice (memory, redis, KV) provides; the gateway store builds on it. */
export interface StoreBackend {
  kind: "memory" | "redis" | "kv";
  /** The unstorage instance behind it (absent while a lazily loaded driver is still loading). */
  storage?: Storage;
  getItem<T>(key: string): Promise<T | null>;
  setItem(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Replaces an existing item (new value and TTL); never creates one. True if it was there. */
  updateItem(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  /** Records `nonce` if absent; true only for the call that recorded it (single-use links). */
  claimNonce(nonce: string, ttlSeconds: number): Promise<boolean>;
  releaseNonce(nonce: string): Promise<void>;
  /** Adds `by` (default 1) to a counter that expires `ttlSeconds` after its first hit; returns the new count. */
  incrementCounter(key: string, ttlSeconds: number, by?: number): Promise<number>;
  /** A counter's current value (0 when absent or expired). */
  readCounter(key: string): Promise<number>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

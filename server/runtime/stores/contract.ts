// The one store contract: every backend in this folder implements StoreBackend.
/** What each storage choice (memory, redis, KV) provides; server/utils/store builds the gateway store on it.
 * memory.ts, redis.ts and kv.ts implement it; tests/store/contract.test.ts holds all three to it. */
export interface StoreBackend {
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
  /** Adds `member` to the set `index`, which lives at least `ttlSeconds` more (the per-number session index). */
  addToIndex(index: string, member: string, ttlSeconds: number): Promise<void>;
  removeFromIndex(index: string, member: string): Promise<void>;
  /** Deletes the item `itemPrefix + member` of every member of `index`, empties it, and returns how many items existed. */
  removeIndexed(index: string, itemPrefix: string): Promise<number>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

/** A store shared between instances (redis on Node, kv on workerd), opened by the runtime; memory is opened directly. */
export type RemoteStoreOptions =
  | { kind: "redis"; url: string; prefix: string; timeoutMs: number }
  | { kind: "kv"; binding: string; counterBinding: string; prefix: string };

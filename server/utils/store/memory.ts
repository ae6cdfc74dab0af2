import { createStorage } from "unstorage";
import { boundedMemoryDriver } from "./memory-driver";
import type { StoreBackend } from "./types";
import { itemsOf } from "./unstorage-items";

/**
 * One process only. Sessions, nonces and counters get separate bounds so one
 * cannot evict another. Sessions evict the least recently used; the side tables
 * (`sideTableMax` each, by default twice the session bound) never drop a live
 * nonce or counter: when full of unexpired entries, writes throw StoreFullError
 * (the gateway store answers 503 and logs it).
 */
export function createMemoryBackend(maxSessions: number, sideTableMax = maxSessions * 2): StoreBackend {
  const sessions = boundedMemoryDriver({ table: "sessions", max: maxSessions, whenFull: "evict" });
  const nonces = boundedMemoryDriver({ table: "nonces", max: sideTableMax, whenFull: "refuse" });
  const counters = boundedMemoryDriver({ table: "counters", max: sideTableMax, whenFull: "refuse" });
  const storage = createStorage({ driver: sessions });
  return {
    kind: "memory",
    storage,
    ...itemsOf(storage),
    updateItem: async (key, value, ttl) => sessions.update(key, JSON.stringify(value), ttl),
    claimNonce: async (nonce, ttl) => nonces.claim(nonce, ttl),
    releaseNonce: async (nonce) => nonces.removeItem(nonce),
    incrementCounter: async (key, ttl, by) => counters.increment(key, ttl, by),
    readCounter: async (key) => counters.count(key),
    ping: async () => {},
    dispose: () => storage.dispose(),
  };
}

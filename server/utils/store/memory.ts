import { createStorage } from "unstorage";
import { boundedMemoryDriver } from "./memory-driver";
import type { StoreBackend } from "./types";
import { itemsOf } from "./unstorage-items";

const SIDE_TABLE_MAX = 200_000;

/** One process only. Sessions, nonces and counters get separate bounds so one cannot evict another. */
export function createMemoryBackend(maxSessions: number): StoreBackend {
  const nonces = boundedMemoryDriver({ max: SIDE_TABLE_MAX });
  const counters = boundedMemoryDriver({ max: SIDE_TABLE_MAX });
  const storage = createStorage({ driver: boundedMemoryDriver({ max: maxSessions }) });
  return {
    kind: "memory",
    storage,
    ...itemsOf(storage),
    claimNonce: async (nonce, ttl) => nonces.claim(nonce, ttl),
    releaseNonce: async (nonce) => nonces.removeItem(nonce),
    incrementCounter: async (key, ttl) => counters.increment(key, ttl),
    ping: async () => {},
    dispose: () => storage.dispose(),
  };
}

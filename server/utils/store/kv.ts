import { createStorage } from "unstorage";
import kvDriver from "unstorage/drivers/cloudflare-kv-binding";
import type { StoreBackend } from "./types";
import { itemsOf } from "./unstorage-items";

// Workers KV has no compare-and-set: claim and increment are best effort here (documented).
const KV_MIN_TTL = 60;

/** `binding` is the binding's name on workerd, or a KV namespace object (tests hold one from Miniflare). */
export function createKvBackend(binding: string | object, prefix: string): StoreBackend {
  const storage = createStorage({ driver: kvDriver({ binding, base: prefix, minTTL: KV_MIN_TTL }) });
  const ttlOf = (ttl: number) => Math.max(ttl, KV_MIN_TTL);
  return {
    kind: "kv",
    storage,
    ...itemsOf(storage),
    async claimNonce(nonce, ttl) {
      if (await storage.hasItem(`n:${nonce}`)) return false;
      await storage.setItem(`n:${nonce}`, "1", { ttl: ttlOf(ttl) });
      return true;
    },
    releaseNonce: (nonce) => storage.removeItem(`n:${nonce}`),
    async incrementCounter(key, ttl) {
      const count = Number((await storage.getItem<string>(`r:${key}`)) ?? 0) + 1;
      await storage.setItem(`r:${key}`, String(count), { ttl: ttlOf(ttl) });
      return count;
    },
    ping: async () => void (await storage.hasItem("ping")),
    dispose: () => storage.dispose(),
  };
}

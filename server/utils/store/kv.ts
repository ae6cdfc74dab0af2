import { createStorage } from "unstorage";
import kvDriver from "unstorage/drivers/cloudflare-kv-binding";
import type { StoreBackend } from "./types";
import { itemsOf } from "./unstorage-items";

// Workers KV has no compare-and-set: claim, increment and update-if-present are
// best effort here (documented): a logout racing a read within KV's own
// propagation window can still be undone.
const KV_MIN_TTL = 60;

/** `binding` is the binding's name on workerd, or a KV namespace object (tests hold one from Miniflare). */
export function createKvBackend(binding: string | object, prefix: string): StoreBackend {
  const storage = createStorage({ driver: kvDriver({ binding, base: prefix, minTTL: KV_MIN_TTL }) });
  const ttlOf = (ttl: number) => Math.max(ttl, KV_MIN_TTL);
  const readCounter = async (key: string) => Number((await storage.getItem<string>(`r:${key}`)) ?? 0);
  return {
    kind: "kv",
    storage,
    ...itemsOf(storage),
    async updateItem(key, value, ttl) {
      if (!(await storage.hasItem(key))) return false;
      await storage.setItem(key, value as string, { ttl: ttlOf(ttl) });
      return true;
    },
    async claimNonce(nonce, ttl) {
      if (await storage.hasItem(`n:${nonce}`)) return false;
      await storage.setItem(`n:${nonce}`, "1", { ttl: ttlOf(ttl) });
      return true;
    },
    releaseNonce: (nonce) => storage.removeItem(`n:${nonce}`),
    async incrementCounter(key, ttl, by = 1) {
      const count = (await readCounter(key)) + by;
      await storage.setItem(`r:${key}`, String(count), { ttl: ttlOf(ttl) });
      return count;
    },
    readCounter,
    ping: async () => void (await storage.hasItem("ping")),
    dispose: () => storage.dispose(),
  };
}

import type Redis from "ioredis";
import { createStorage } from "unstorage";
import redisDriver from "unstorage/drivers/redis";
import type { StoreBackend } from "./types";

const INCREMENT_WITH_TTL = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Shared by every gateway instance. Commands fail fast while Redis is away
 * (no offline queue, a command timeout) so requests answer 503 instead of hanging;
 * ioredis keeps reconnecting in the background.
 */
export function createRedisBackend(url: string, prefix: string, timeoutMs: number): StoreBackend {
  const driver = redisDriver({
    url,
    base: prefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
  });
  const storage = createStorage({ driver });
  const client = () => driver.getInstance!() as Redis;
  client().on("error", () => {}); // reported through failed commands and /readyz, never with the URL
  return {
    kind: "redis",
    storage,
    async claimNonce(nonce, ttl) {
      return (await client().set(`${prefix}:n:${nonce}`, "1", "EX", ttl, "NX")) === "OK";
    },
    releaseNonce: (nonce) => storage.removeItem(`n:${nonce}`),
    async incrementCounter(key, ttl) {
      return Number(await client().eval(INCREMENT_WITH_TTL, 1, `${prefix}:r:${key}`, ttl));
    },
    ping: async () => void (await client().ping()),
    dispose: () => storage.dispose(),
  };
}

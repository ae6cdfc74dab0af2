import type Redis from "ioredis";
import { createStorage } from "unstorage";
import redisDriver from "unstorage/drivers/redis";
import type { StoreBackend } from "./contract";

const INCREMENT_WITH_TTL = `local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Shared by every gateway instance. Every command carries a timeout that runs
 * from the moment it is issued, queued or not, and is not retried: while Redis
 * is away requests answer 503 within the store timeout instead of hanging;
 * ioredis keeps reconnecting in the background and the first commands after
 * start wait (bounded) for the connection.
 */
export function createRedisBackend(url: string, prefix: string, timeoutMs: number): StoreBackend {
  const driver = redisDriver({
    url,
    base: prefix,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
  });
  const storage = createStorage({ driver });
  const client = () => driver.getInstance!() as Redis;
  client().on("error", () => {}); // reported through failed commands and /readyz, never with the URL
  return {
    getItem: (key) => storage.getItem(key) as Promise<never>,
    setItem: (key, value, ttl) => storage.setItem(key, value as string, { ttl }),
    removeItem: (key) => storage.removeItem(key),
    // SET … XX: a key deleted in the meantime (logout) stays deleted.
    async updateItem(key, value, ttl) {
      return (await client().set(`${prefix}:${key}`, JSON.stringify(value), "EX", ttl, "XX")) === "OK";
    },
    async claimNonce(nonce, ttl) {
      return (await client().set(`${prefix}:n:${nonce}`, "1", "EX", ttl, "NX")) === "OK";
    },
    releaseNonce: (nonce) => storage.removeItem(`n:${nonce}`),
    async incrementCounter(key, ttl, by = 1) {
      return Number(await client().eval(INCREMENT_WITH_TTL, 1, `${prefix}:r:${key}`, ttl, by));
    },
    readCounter: async (key) => Number((await client().get(`${prefix}:r:${key}`)) ?? 0),
    ping: async () => void (await client().ping()),
    dispose: () => storage.dispose(),
  };
}

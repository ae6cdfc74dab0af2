import type Redis from "ioredis";
import { createStorage } from "unstorage";
import redisDriver from "unstorage/drivers/redis";
import type { StoreBackend } from "./contract";

const INCREMENT_WITH_TTL = `local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

// The set lives at least as long as its newest member (EXPIRE only ever extends it).
const ADD_WITH_TTL = `redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end`;

/**
 * Shared by every gateway instance. Every command carries a timeout that runs
 * from the moment it is issued, queued or not, and is not retried: while Redis
 * is away requests answer 503 within the store timeout instead of hanging;
 * ioredis keeps reconnecting in the background and the first commands after
 * start wait (bounded) for the connection.
 */
export function createRedisBackend(url: string, prefix: string, timeoutMs: number): StoreBackend {
  const driver = redisDriver({ base: prefix, ...connectionOptions(url, timeoutMs) });
  const storage = createStorage({ driver });
  const client = () => driver.getInstance!() as Redis;
  client().on("error", () => {}); // reported through failed commands and /readyz, never with the URL
  let disposed = false;
  // ioredis gives up for good (status "end") when a sentinel announces a failover while the client
  // is still asking another sentinel for the primary: start it again unless we closed it.
  client().on("end", () => {
    if (!disposed) setTimeout(() => disposed || client().connect().catch(() => {}), RECONNECT_AFTER_END_MS).unref();
  });
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
    async addToIndex(index, member, ttl) {
      await client().eval(ADD_WITH_TTL, 1, indexKey(prefix, index), member, ttl);
    },
    removeFromIndex: async (index, member) => void (await client().srem(indexKey(prefix, index), member)),
    // One DEL per item (items hash to other slots on Cluster), then only those members leave the set:
    // a session added meanwhile stays indexed.
    async removeIndexed(index, itemPrefix) {
      const members = await client().smembers(indexKey(prefix, index));
      if (members.length === 0) return 0;
      const removed = await Promise.all(members.map((member) => client().del(`${prefix}:${itemPrefix}${member}`)));
      await client().srem(indexKey(prefix, index), ...members);
      return removed.reduce((sum, n) => sum + n, 0);
    },
    ping: async () => void (await client().ping()),
    dispose() {
      disposed = true;
      return storage.dispose();
    },
  };
}

/** `{…}` is a Redis Cluster hash tag: everything about one number's index hashes to one slot. */
const indexKey = (prefix: string, index: string) => `${prefix}:i:{${index}}`;

const retryStrategy = (attempt: number) => Math.min(attempt * 100, 1000);
const RECONNECT_AFTER_END_MS = 1000;

/**
 * ioredis options for one URL: `redis[s]://` (one server), `redis[s]+sentinel://[:password@]host:port,…/<master>[/<db>]`
 * (the sentinels find the primary; a failover is followed on `+switch-master`) or
 * `redis[s]+cluster://[:password@]host:port,…` (Redis Cluster: every command touches
 * one key; the per-number index key carries its HMAC as a hash tag).
 */
export function connectionOptions(url: string, timeoutMs: number): Record<string, unknown> {
  const timeouts = { maxRetriesPerRequest: 0, commandTimeout: timeoutMs, connectTimeout: timeoutMs };
  const scheme = /^(rediss?)(?:\+(sentinel|cluster))?:\/\//.exec(url);
  if (!scheme?.[2]) return { url, enableOfflineQueue: true, retryStrategy, ...timeouts };
  const { password, hosts, path } = splitServers(url.slice(scheme[0].length));
  const tls = scheme[1] === "rediss" ? {} : undefined;
  if (scheme[2] === "cluster") {
    return {
      cluster: hosts,
      clusterOptions: {
        redisOptions: { password, tls, ...timeouts }, enableOfflineQueue: true, scaleReads: "master",
        clusterRetryStrategy: retryStrategy,
      },
    };
  }
  const [name, db] = path.split("/");
  return {
    sentinels: hosts, name, db: db ? Number(db) : 0, password, tls, enableTLSForSentinelMode: Boolean(tls),
    enableOfflineQueue: true, retryStrategy, sentinelRetryStrategy: retryStrategy, failoverDetector: true,
    // A sentinel that accepts but never answers would otherwise hold every reconnect forever.
    sentinelCommandTimeout: timeoutMs,
    // An old primary that comes back as a replica answers writes with READONLY: reconnect to the new one.
    reconnectOnError: (error: Error) => /READONLY/.test(error.message),
    ...timeouts,
  };
}

function splitServers(rest: string): { password?: string; hosts: { host: string; port: number }[]; path: string } {
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf("@");
  const password = at === -1 ? undefined : decodeURIComponent(authority.slice(0, at).replace(/^[^:]*:/, ""));
  const hosts = authority.slice(at + 1).split(",").map((entry) => {
    const colon = entry.lastIndexOf(":");
    return { host: entry.slice(0, colon).replace(/^\[|\]$/g, ""), port: Number(entry.slice(colon + 1)) };
  });
  return { password: password || undefined, hosts, path: slash === -1 ? "" : rest.slice(slash + 1) };
}

import type { H3Event } from "h3";
import type { RateLimitName } from "./config";
import { hashSubject } from "./crypto";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { windowsUntilAllowed } from "./sliding-window";

/**
 * Sliding window over two fixed buckets in the shared store, so limits hold
 * across instances: the hits of the previous window count in proportion to how
 * much of it still lies inside the sliding window (no burst at a window edge).
 * A refused hit is taken back, so refusals do not prolong the wait. The subject
 * (an IP or an MSISDN) is an HMAC with a key derived from the server's
 * encryption key: no numbers or addresses at rest, and no bare hash to reverse.
 */
export async function enforceRateLimit(_event: H3Event, name: RateLimitName, subject: string): Promise<void> {
  const { config, store } = useGateway();
  const { limit, windowSeconds } = config.rateLimits[name];
  const now = Date.now() / 1000;
  const window = Math.floor(now / windowSeconds);
  const base = `${name}:${await hashSubject(config.session.encryptionKeys, subject)}`;
  const current = `${base}:${window}`;
  const [previousCount, count] = await Promise.all([
    store.readCounter(`${base}:${window - 1}`),
    store.incrementCounter(current, 2 * windowSeconds),
  ]);
  const elapsed = now / windowSeconds - window; // fraction of the current window gone, 0 ≤ elapsed < 1
  if (Math.max(0, previousCount) * (1 - elapsed) + count <= limit) return;
  await store.incrementCounter(current, 2 * windowSeconds, -1);
  const wait = windowsUntilAllowed(Math.max(0, previousCount), count - 1, elapsed, limit);
  throw gatewayError("rate_limited", { retryAfter: Math.max(1, Math.ceil(wait * windowSeconds)) });
}

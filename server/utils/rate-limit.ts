import type { H3Event } from "h3";
import { recordAudit } from "./audit";
import type { RateLimitName } from "./config";
import { hashSubject } from "./crypto";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";


/**
 * Sliding window over two fixed buckets in the shared store, so limits hold
 * across instances: the hits of the previous window count in proportion to how
 * much of it still lies inside the sliding window (no burst at a window edge).
 * A refused hit is taken back, so refusals do not prolong the wait. The subject
 * (an IP or an MSISDN) is an HMAC with a key derived from the server's
 * encryption key: no numbers or addresses at rest, and no bare hash to reverse.
 */
export async function enforceRateLimit(event: H3Event, name: RateLimitName, subject: string): Promise<void> {
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
  await recordAudit(event, "rate_limit.hit", { limit: name });
  const wait = windowsUntilAllowed(Math.max(0, previousCount), count - 1, elapsed, limit);
  throw gatewayError("rate_limited", { retryAfter: Math.max(1, Math.ceil(wait * windowSeconds)) });
}

/**
 * When (in windows from now) one more hit fits, with `previous` and `current`
 * hits in the two buckets and `elapsed` of the current window gone: later in
 * this window once the previous bucket's weight has decayed enough, or else in
 * the next window, where this window's hits become the decaying previous bucket.
 * Pure arithmetic, exported for its property test.
 */
export function windowsUntilAllowed(previous: number, current: number, elapsed: number, limit: number): number {
  if (current + 1 <= limit && previous > 0) {
    const needed = 1 - (limit - current - 1) / previous;
    if (needed < 1) return Math.max(0, needed - elapsed);
  }
  const neededNext = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
  return 1 - elapsed + neededNext;
}

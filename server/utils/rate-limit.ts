import type { H3Event } from "h3";
import type { ErrorCode } from "../shared/error-codes";
import { recordAudit, recordIdentityAudit } from "./audit";
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
  await reserveRateLimit(event, name, subject);
}

/** A hit taken and held; `release` gives it back (once) when the answer proves it should not count. */
export interface Reservation { release(): Promise<void> }

/**
 * Takes one hit atomically (INCR) before the work it guards, so parallel requests each
 * see a distinct count and at most the limit pass; refused with `refusal` (429
 * `rate_limited` unless given) when it does not fit. There is no check-first,
 * count-later variant: a budget that guards a disclosure is always reserved here.
 */
export async function reserveRateLimit(
  event: H3Event, name: RateLimitName, subject: string, refusal: ErrorCode = "rate_limited",
): Promise<Reservation> {
  const { store } = useGateway();
  const window = await windowOf(name, subject);
  const [previous, count] = await Promise.all([
    store.readCounter(window.previousKey), store.incrementCounter(window.currentKey, window.ttlSeconds),
  ]);
  if (!fits(window, previous, count)) {
    await store.incrementCounter(window.currentKey, window.ttlSeconds, -1);
    await refuse(event, name, window, previous, count - 1, refusal);
  }
  let held = true;
  return {
    async release() {
      if (!held) return;
      held = false;
      await store.incrementCounter(window.currentKey, window.ttlSeconds, -1);
    },
  };
}

/**
 * A registration budget of the number (PIN registration, eTIMS enrolment), taken before the upstream call;
 * past it, 409 `registration_limit` and a `registration.refused` audit line with the ID's HMAC.
 */
export async function reserveRegistration(
  event: H3Event, name: "pinRegistrationMsisdn" | "etimsEnrolmentMsisdn", msisdn: string, idNumber: string,
): Promise<Reservation> {
  try {
    return await reserveRateLimit(event, name, msisdn, "registration_limit");
  } catch (error) {
    await recordIdentityAudit(event, "registration.refused", idNumber, { reason: "registration_limit" });
    throw error;
  }
}

/** Gives back every reservation (a failed upstream call, an answer that proves none should count). */
export async function releaseAll(reservations: readonly Reservation[]): Promise<void> {
  await Promise.all(reservations.map((reservation) => reservation.release()));
}

interface LimitWindow { previousKey: string; currentKey: string; ttlSeconds: number; limit: number; windowSeconds: number; elapsed: number }

async function windowOf(name: RateLimitName, subject: string): Promise<LimitWindow> {
  const { config } = useGateway();
  const { limit, windowSeconds } = config.rateLimits[name];
  const now = Date.now() / 1000;
  const window = Math.floor(now / windowSeconds);
  const base = `${name}:${await hashSubject(config.session.encryptionKeys, subject)}`;
  const elapsed = now / windowSeconds - window; // fraction of the current window gone, 0 ≤ elapsed < 1
  return { previousKey: `${base}:${window - 1}`, currentKey: `${base}:${window}`, ttlSeconds: 2 * windowSeconds, limit, windowSeconds, elapsed };
}

const fits = (window: LimitWindow, previous: number, count: number) =>
  Math.max(0, previous) * (1 - window.elapsed) + count <= window.limit;

async function refuse(
  event: H3Event, name: RateLimitName, window: LimitWindow, previous: number, counted: number, refusal: ErrorCode,
): Promise<never> {
  await recordAudit(event, "rate_limit.hit", { limit: name });
  const wait = windowsUntilAllowed(Math.max(0, previous), counted, window.elapsed, window.limit);
  throw gatewayError(refusal, { retryAfter: Math.max(1, Math.ceil(wait * window.windowSeconds)) });
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

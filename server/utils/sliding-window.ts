// Pure arithmetic of the two-bucket sliding window (server/utils/rate-limit.ts), kept apart so it can be tested alone.

/**
 * When (in windows from now) one more hit fits, with `previous` and `current`
 * hits in the two buckets and `elapsed` of the current window gone: later in
 * this window once the previous bucket's weight has decayed enough, or else in
 * the next window, where this window's hits become the decaying previous bucket.
 */
export function windowsUntilAllowed(previous: number, current: number, elapsed: number, limit: number): number {
  if (current + 1 <= limit && previous > 0) {
    const needed = 1 - (limit - current - 1) / previous;
    if (needed < 1) return Math.max(0, needed - elapsed);
  }
  const neededNext = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
  return 1 - elapsed + neededNext;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { windowsUntilAllowed } from "../../server/utils/rate-limit";

// Whether one more hit fits under `limit` at `f` windows into the current one (f ≥ 1: the next
// window, where the current bucket has become the previous one), written from the README's rule.
function fits(previous: number, current: number, f: number, limit: number): boolean {
  if (f >= 1) return fits(current, 0, f - 1, limit);
  return previous * (1 - f) + current + 1 <= limit;
}

describe("Retry-After of the sliding window", () => {
  it("is the first moment one more hit fits: it fits then, and not just before", () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 50 }), fc.nat(60), fc.nat(60), fc.double({ min: 0, max: 0.999, noNaN: true }),
      (limit, previousRaw, currentRaw, elapsed) => {
        const [previous, current] = [Math.min(previousRaw, limit), Math.min(currentRaw, limit)];
        fc.pre(!fits(previous, current, elapsed, limit)); // only refused hits get a Retry-After
        const wait = windowsUntilAllowed(previous, current, elapsed, limit);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(1 + 1 / limit + 1e-9);
        expect(fits(previous, current, elapsed + wait + 1e-9, limit)).toBe(true);
        if (wait > 1e-6) expect(fits(previous, current, elapsed + wait - 1e-6, limit)).toBe(false);
      },
    ), { numRuns: 2000 });
  });
});

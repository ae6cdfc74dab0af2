// The log line's time is formatted once a second; every millisecond must still read as toISOString's.
import { describe, expect, it } from "vitest";
import { isoTimeNow } from "../../server/utils/log";

describe("log line time", () => {
  it("equals toISOString for every millisecond, across seconds, days and years", () => {
    const starts = [Date.UTC(2026, 11, 2, 9, 25, 53), Date.UTC(2026, 11, 31, 23, 59, 59), Date.UTC(2028, 1, 28, 23, 59, 59)];
    for (const start of starts) {
      for (let now = start - 5; now < start + 2_005; now++) expect(isoTimeNow(now)).toBe(new Date(now).toISOString());
    }
  });

  it("is now by default", () => {
    const before = Date.now();
    const time = Date.parse(isoTimeNow());
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});

import { describe, expect, it } from "vitest";
import { soak } from "../bench/soak-run";

// Runs in the "heavy" vitest project (alone, after the others).
// The short version of `npm run soak` (which runs for minutes): mixed traffic with faults.
describe("a short soak", () => {
  it("answers only the expected statuses and holds its memory", async () => {
    const report = await soak(60);
    console.log(JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 10) }));
    expect(report.requests).toBeGreaterThan(1000);
    expect(report.unexpected).toEqual([]);
    expect(report.faultsInjected).toBeGreaterThan(0);
    expect(report.faultAnswers).toBeGreaterThan(0); // the faults were actually met, not only scheduled
    expect(report.faultAnswers).toBeLessThanOrEqual(report.faultsInjected);
    expect(report.rssAtEndMb).toBeLessThan(report.rssAfterWarmupMb * 1.15);
    expect(report.fdsAtEnd - report.fdsAfterWarmup).toBeLessThan(30);
  }, 120_000);
});

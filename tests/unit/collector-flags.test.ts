// The collector flags the Node server sets at start (server/runtime/node-collector.ts): the operator's own win.
import { describe, expect, it } from "vitest";
import { collectorFlags } from "../../server/runtime/node-collector";

describe("collectorFlags", () => {
  it("keeps the old generation within 1.5× its live size, on any number of cores", () => {
    expect(collectorFlags([], 8)).toEqual(["--heap-growing-percent=50"]);
  });

  it("runs young-generation collections on the main thread alone when the process has one core", () => {
    expect(collectorFlags([], 1)).toEqual(["--heap-growing-percent=50", "--no-parallel-scavenge"]);
  });

  it("leaves a flag the operator gave, in either spelling, to the operator", () => {
    expect(collectorFlags(["--heap-growing-percent=100", "--parallel-scavenge"], 1)).toEqual([]);
    expect(collectorFlags(["--heap_growing_percent=80"], 1)).toEqual(["--no-parallel-scavenge"]);
    expect(collectorFlags(["--no_parallel_scavenge"], 1)).toEqual(["--heap-growing-percent=50"]);
  });
});

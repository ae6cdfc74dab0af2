// The collector flags the Node server sets at start (server/runtime/node-collector.ts): the operator's own win.
import { describe, expect, it } from "vitest";
import { collectorFlags } from "../../server/runtime/node-collector";

describe("collectorFlags", () => {
  it("turns allocation-site pretenuring off and keeps the old generation within 2× its live size", () => {
    expect(collectorFlags([])).toEqual(["--no-allocation-site-pretenuring", "--heap-growing-percent=100"]);
  });

  it("leaves a flag the operator gave, in either spelling and either sense, to the operator", () => {
    expect(collectorFlags(["--allocation-site-pretenuring", "--heap-growing-percent=50"])).toEqual([]);
    expect(collectorFlags(["--no_allocation_site_pretenuring"])).toEqual(["--heap-growing-percent=100"]);
    expect(collectorFlags(["--heap_growing_percent=80"])).toEqual(["--no-allocation-site-pretenuring"]);
  });
});

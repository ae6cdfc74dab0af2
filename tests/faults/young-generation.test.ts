import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

// Runs in the "heavy" vitest project (alone, after the others): tens of thousands of requests.
// Under load a request's objects must die young. With V8's allocation-site pretenuring on, something in the
// server's start made V8 allocate every request's HTTP objects in the old generation, and each young-generation
// collection then promoted ≈ 3 MB of finished requests (6–7 ms pauses, a full collection every ≈ 0.7 s);
// server/runtime/node-collector.ts turns it off (tests/bench/RESULTS.md, issue 22 round 5).
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ nodeArgs: ["--trace-gc-nvp"] });
});
afterAll(() => stack?.stop());

interface Collection { gc: string; promoted: number }

/** The collections V8 traced (`--trace-gc-nvp`: one `GC: {…}` JSON object per line) from `from` on. */
function collections(from: number): Collection[] {
  return stack.gateway.output.slice(from).flatMap((line) => {
    const start = line.indexOf("GC: {");
    return start < 0 ? [] : [JSON.parse(line.slice(start + 4)) as Collection];
  });
}

/** `count` GETs over 50 keep-alive connections, 50 in flight at a time. */
async function load(path: string, count: number): Promise<void> {
  const pool = new Pool(stack.gateway.url, { connections: 50 });
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const { statusCode, body } = await pool.request({ path, method: "GET" });
      await body.dump();
      if (statusCode !== 200) throw new Error(`${path} answered ${statusCode}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: 50 }, worker));
  } finally {
    await pool.close();
  }
}

describe("the young generation under load", () => {
  it("a scavenge promotes almost nothing of finished requests", async () => {
    // The first ≈ 25,000 requests of a new process promote while V8 is still compiling (each full collection
    // then ends a run of promoting scavenges); what matters is the steady state after them.
    await load("/healthz", 30_000);
    const from = stack.gateway.output.length;
    await load("/healthz", 40_000);
    const promotedMb = collections(from).filter((collection) => collection.gc === "s").map((scavenge) => scavenge.promoted / 1e6);
    console.log(JSON.stringify({ promotedMbPerScavenge: promotedMb.map((mb) => Number(mb.toFixed(2))) }));
    expect(promotedMb.length).toBeGreaterThanOrEqual(10);
    // With pretenuring: 4–6 MB at every scavenge; without: 0 once compiled.
    expect(median(promotedMb)).toBeLessThan(0.5);
  }, 120_000);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

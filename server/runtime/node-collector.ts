import { setFlagsFromString } from "node:v8";

/**
 * V8's collector flags for this process. V8 reads them at every collection, so they are set after start, for
 * `npm start` and the container alike; a flag the operator gave (command line or NODE_OPTIONS, either spelling) wins.
 * - Allocation-site pretenuring off: once most objects from one allocation site survive a young-generation
 *   collection, V8 allocates that site's later objects straight in the old generation. Something in the server's
 *   start tripped it for the request path (the heap profile's survivors: IncomingMessage, ServerResponse and their
 *   headers), and from then on every young object a request pointed to survived each scavenge: ≈ 2.4 MB of dead
 *   requests promoted every time under the benchmark's load, 6–7 ms pauses, a full collection every ≈ 0.7 s;
 *   without it ≈ 0.1 MB, ≈ 1 ms, no full collection (tests/bench/RESULTS.md, issue 22 round 5;
 *   tests/faults/young-generation.test.ts).
 * - Peak memory against CPU: the old generation may grow to 2× its live size between full collections (V8's own
 *   factor goes up to 4×: ≈ 50 MB more peak RSS under the benchmark's load, for no CPU measured).
 */
export function collectorFlags(givenOptions: readonly string[]): string[] {
  const given = (name: string) => givenOptions.some((option) => option.replaceAll("_", "-").includes(name));
  const flags: string[] = [];
  if (!given("allocation-site-pretenuring")) flags.push("--no-allocation-site-pretenuring");
  if (!given("heap-growing-percent")) flags.push("--heap-growing-percent=100");
  return flags;
}

export function tuneCollector(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (const flag of collectorFlags(given)) setFlagsFromString(flag);
}

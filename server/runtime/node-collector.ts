import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";

/**
 * V8's collector flags for this process. V8 reads them at every collection, so they are set after start, for
 * `npm start` and the container alike; a flag the operator gave (command line or NODE_OPTIONS) wins.
 * - Peak memory: between full collections V8 lets the old generation grow to several times its live size;
 *   under load that was most of the peak RSS (old space ≈ 80 MB of mostly dead objects). 1.5× keeps it down.
 * - One core (a container limited to one CPU, a process pinned with taskset): V8 hands each young-generation
 *   collection to helper threads and waits for them, but they can only take turns with it on that core
 *   (a scavenge's pause went from about 2 to 8 ms under load). There it runs on the main thread alone
 *   (tests/bench/RESULTS.md, issue 22).
 */
export function collectorFlags(givenOptions: readonly string[], cores: number): string[] {
  const given = (name: string) => givenOptions.some((option) => option.replaceAll("_", "-").includes(name));
  const flags: string[] = [];
  if (!given("heap-growing-percent")) flags.push("--heap-growing-percent=50");
  if (cores === 1 && !given("parallel-scavenge")) flags.push("--no-parallel-scavenge");
  return flags;
}

export function tuneCollector(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (const flag of collectorFlags(given, availableParallelism())) setFlagsFromString(flag);
}

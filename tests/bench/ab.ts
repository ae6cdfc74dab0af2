// npm run bench:ab -- <older .output/server/index.mjs> — the built gateway against another build of itself
// (say, main before a refactor: `git worktree add /tmp/before <commit> && cd /tmp/before && npm ci && npm run build`),
// interleaved round by round on the same simulated upstream, same cases and settings as `npm run bench`.
// Prints CPU µs per request and req/s per case, each the median of the rounds, and the ratio after ÷ before.
// Each round runs "before" first; BENCH_AB_AFTER_FIRST=1 swaps that (a position effect shows as a ratio that flips).
// Passing this tree's own build (.output/server/index.mjs) is an A-vs-A run: the spread of the noise.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { buildIfNeeded } from "../tools/build-if-needed";
import { gateway, startBenchUpstream, type Contender } from "./contenders";
import { runRounds, type Sample } from "./rounds";
import { median } from "./stats";
import { ensureTools } from "./tools";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const load = { seconds: Number(process.env.BENCH_SECONDS ?? 6), connections: Number(process.env.BENCH_CONNECTIONS ?? 50), threads: 1 };

async function main(): Promise<void> {
  const baseline = process.argv[2] ? resolve(process.argv[2]) : "";
  if (!existsSync(baseline)) {
    process.stderr.write("usage: npm run bench:ab -- <path to another build's .output/server/index.mjs>\n");
    process.exit(2);
  }
  ensureTools();
  buildIfNeeded();
  const before: Contender = { name: "before", start: (setup, nodeArgs) => gateway.start(setup, nodeArgs, baseline) };
  const after: Contender = { ...gateway, name: "after" };
  const { upstream, setup } = await startBenchUpstream();
  try {
    const order = process.env.BENCH_AB_AFTER_FIRST === "1" ? [after, before] : [before, after];
    const results = await runRounds(order, setup, load, rounds, 2);
    const of = (contender: Contender, name: string, pick: (sample: Sample) => number) => median(results.get(contender)!.samples.get(name)!.map(pick));
    process.stdout.write("| case | CPU µs/req before | after | after ÷ before | req/s before | after |\n|---|---|---|---|---|---|\n");
    for (const name of results.get(after)!.samples.keys()) {
      const cpu = [of(before, name, (s) => s.cpuUsPerRequest), of(after, name, (s) => s.cpuUsPerRequest)];
      const rps = [of(before, name, (s) => s.rps), of(after, name, (s) => s.rps)];
      process.stdout.write(`| ${name} | ${cpu[0].toFixed(0)} | ${cpu[1].toFixed(0)} | ${(cpu[1] / cpu[0]).toFixed(2)} | ${rps[0].toFixed(0)} | ${rps[1].toFixed(0)} |\n`);
    }
  } finally {
    await upstream.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

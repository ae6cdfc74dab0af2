// npm run bench — the gateway against a minimal Nitro handler, the equal-work floor (nitro-ref+json), a Hono 4 proxy
// and nginx, interleaved in one run (issues 9 and 22).
// Environment: BENCH_SECONDS (per case and round, default 8), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (2),
// BENCH_CONNECTIONS (50), BENCH_THREADS (wrk threads, 1), BENCH_PIN=0 (no taskset pinning: see processes.ts). BENCH_PROFILE_ONLY=1 profiles both Node contenders under
// GET 1 KB (BENCH_PROFILE_CASE=1: GET 20 KB) and prints the summaries, without rounds, cold starts or RESULTS.md
// (for working on the request path).
import { loadavg } from "node:os";
import { buildIfNeeded } from "../tools/build-if-needed";
import { CONTENDERS, gateway, nitroRef, startBenchUpstream, type Setup } from "./contenders";
import { buildNitroRef } from "./nitro-ref/build";
import { unpinned } from "./processes";
import { profileContender } from "./profile";
import { summaryMarkdown } from "./profile-summary";
import { writeResults } from "./report";
import { measureColdStarts, runRounds } from "./rounds";
import { ensureTools } from "./tools";

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  seconds: Number(process.env.BENCH_SECONDS ?? 8),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  threads: Number(process.env.BENCH_THREADS ?? 1),
};
const load = { seconds: settings.seconds, connections: settings.connections, threads: settings.threads };

async function main(): Promise<void> {
  ensureTools();
  buildIfNeeded();
  await buildNitroRef();
  const { upstream, setup } = await startBenchUpstream();
  try {
    if (process.env.BENCH_PROFILE_ONLY === "1") return await printProfiles(setup);
    const coldStarts = await unpinned(() => measureColdStarts([gateway, nitroRef], setup, 5));
    const loadAtStart = loadavg();
    const results = await runRounds(CONTENDERS, setup, load, settings.rounds, settings.warmupSeconds);
    const profiles = { gateway: await profileContender(gateway, setup, load, settings.warmupSeconds), nitroRef: await profileContender(nitroRef, setup, load, settings.warmupSeconds) };
    process.stdout.write(`\n${writeResults({ results, coldStarts, profiles, settings, loadAtStart })}`);
  } finally {
    await upstream.stop();
  }
}

async function printProfiles(setup: Setup): Promise<void> {
  const caseIndex = Number(process.env.BENCH_PROFILE_CASE ?? 0);
  for (const contender of [gateway, nitroRef]) {
    const summary = await profileContender(contender, setup, load, settings.warmupSeconds, caseIndex);
    process.stdout.write(`\n## ${contender.name}\n\n${summaryMarkdown(summary)}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

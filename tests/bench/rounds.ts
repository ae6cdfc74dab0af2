// Interleaved rounds: every contender, fresh, once per round, so drift on a shared machine hits all alike.
import type { Contender, Running, Setup } from "./contenders";
import { runWrk, type LoadOptions, type LoadResult } from "./wrk";

export interface Sample extends LoadResult { cpuUsPerRequest: number }
export interface ContenderResults { samples: Map<string, Sample[]>; peakRssKb: number[] }

/** One measured wrk run against a running contender, with the server's CPU time across it. */
export async function measure(running: Running, caseIndex: number, load: LoadOptions): Promise<Sample> {
  const { url, load: extra } = running.cases[caseIndex];
  const before = running.proc.usage().cpuMicros;
  const result = await runWrk(url, { ...load, ...extra });
  const cpuMicros = running.proc.usage().cpuMicros - before;
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} socket errors`);
  return { ...result, cpuUsPerRequest: cpuMicros / result.requests };
}

/** Warms every case up, then measures each once; the process's peak RSS after all of them. */
async function measureAll(running: Running, load: LoadOptions, warmupSeconds: number): Promise<{ samples: [string, Sample][]; peakRssKb: number }> {
  for (const { url, load: extra } of running.cases) await runWrk(url, { ...load, ...extra, seconds: warmupSeconds });
  const samples: [string, Sample][] = [];
  for (let i = 0; i < running.cases.length; i++) samples.push([running.cases[i].name, await measure(running, i, load)]);
  return { samples, peakRssKb: running.proc.usage().peakRssKb };
}

export async function runRounds(contenders: Contender[], setup: Setup, load: LoadOptions, rounds: number, warmupSeconds: number) {
  const results = new Map<Contender, ContenderResults>(contenders.map((c) => [c, { samples: new Map(), peakRssKb: [] }]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of contenders) {
      const running = await contender.start(setup);
      const measured = await measureAll(running, load, warmupSeconds).finally(() => running.proc.stop());
      const mine = results.get(contender)!;
      mine.peakRssKb.push(measured.peakRssKb);
      for (const [name, sample] of measured.samples) {
        mine.samples.set(name, [...(mine.samples.get(name) ?? []), sample]);
        process.stderr.write(`round ${round} ${contender.name} ${name}: ${Math.round(sample.rps)} req/s, p99 ${sample.p99Ms.toFixed(1)} ms, ${sample.cpuUsPerRequest.toFixed(0)} µs CPU/req\n`);
      }
    }
  }
  return results;
}

/** Spawn to the first 200 on /healthz: `times` fresh processes of each contender, interleaved. */
export async function measureColdStarts(contenders: Contender[], setup: Setup, times: number): Promise<Map<Contender, number[]>> {
  const started = new Map(contenders.map((contender) => [contender, [] as number[]]));
  for (let i = 0; i < times; i++) {
    for (const contender of contenders) {
      const running = await contender.start(setup);
      started.get(contender)!.push(running.proc.startedInMs);
      await running.proc.stop();
    }
  }
  return started;
}

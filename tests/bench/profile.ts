// A contender under one case's load (GET 1 KB unless told) with `node --cpu-prof`; the summary covers only the measured window.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { ROOT } from "../support/gateway";
import type { Contender, Setup } from "./contenders";
import { summariseProfile, type CpuProfile, type ProfileSummary } from "./profile-summary";
import { measure } from "./rounds";
import { runWrk, type LoadOptions } from "./wrk";

export const PROFILE_DIR = `${ROOT}tests/bench/.out/profiles`;

/** V8's profile clock and process.hrtime are both CLOCK_MONOTONIC, in µs here. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export async function profileContender(
  contender: Contender, setup: Setup, load: LoadOptions, warmupSeconds: number, caseIndex = 0,
): Promise<ProfileSummary> {
  const dir = `${PROFILE_DIR}/${contender.name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const running = await contender.start(setup, ["--cpu-prof", "--cpu-prof-dir", dir]);
  let window: { from: number; to: number; requests: number; cpuUsPerRequest: number };
  try {
    const { url, load: caseLoad } = running.cases[caseIndex];
    await runWrk(url, { ...load, ...caseLoad, seconds: warmupSeconds });
    const from = nowUs();
    const sample = await measure(running, caseIndex, load);
    window = { from, to: nowUs(), requests: sample.requests, cpuUsPerRequest: sample.cpuUsPerRequest };
  } finally {
    await running.proc.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`${contender.name} wrote no .cpuprofile in ${dir}`);
  return summariseProfile(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as CpuProfile, window);
}

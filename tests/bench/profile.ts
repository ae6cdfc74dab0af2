// The gateway under the GET 1 KB load with `node --cpu-prof`; the profile covers only the measured window.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { ROOT } from "../support/gateway";
import { gateway, type Setup } from "./contenders";
import { summariseProfile, type CpuProfile, type ProfileSummary } from "./profile-summary";
import { measure } from "./rounds";
import { runWrk, type LoadOptions } from "./wrk";

export const PROFILE_DIR = `${ROOT}tests/bench/.out/profiles`;

/** V8's profile clock and process.hrtime are both CLOCK_MONOTONIC, in µs here. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export async function profileGateway(setup: Setup, load: LoadOptions, warmupSeconds: number): Promise<ProfileSummary & { file: string }> {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  const running = await gateway.start(setup, ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR]);
  let window: { from: number; to: number; requests: number };
  try {
    await runWrk(running.cases[0].url, { ...load, ...running.cases[0].load, seconds: warmupSeconds });
    const from = nowUs();
    const sample = await measure(running, 0, load);
    window = { from, to: nowUs(), requests: sample.requests };
  } finally {
    await running.proc.stop();
  }
  const file = `${PROFILE_DIR}/${readdirSync(PROFILE_DIR).find((name) => name.endsWith(".cpuprofile"))}`;
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  return { file, ...summariseProfile(profile, window) };
}

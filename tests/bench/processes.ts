import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { NODE_SERVER, ROOT } from "../support/gateway";

// `node --import tsx` (not the tsx CLI, which forks a second process) so that killing a child leaves nothing behind.
const TS_NODE = [process.execPath, "--import", "tsx"] as const;
const AUTOCANNON = `${ROOT}node_modules/autocannon/autocannon.js`;

export interface Proc { child: ChildProcess; stop(): Promise<void> }

// Whatever happens to the benchmark, no upstream or gateway is left running.
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));
function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The simulated upstream in its own process, so the load never shares its event loop. */
export async function startUpstreamProcess(args: string[]): Promise<Proc & { url: string }> {
  const child = track(spawn(TS_NODE[0], [...TS_NODE.slice(1), `${ROOT}tests/upstream/main.ts`, "--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] }));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { child, url: JSON.parse(line).url, stop: stopper(child) };
}

export interface GatewayProc extends Proc { url: string; rssKb(): number; peakRssKb(): number }

/** The built gateway with its request log on (as in production) written to /dev/null. */
export async function startGatewayProcess(env: Record<string, string>, port: number): Promise<GatewayProc & { startedInMs: number }> {
  const started = performance.now();
  const child = track(spawn(process.execPath, [NODE_SERVER], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", openSync("/dev/null", "w"), "inherit"],
  }));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  const startedInMs = performance.now() - started;
  const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
  return { child, url, startedInMs, stop: stopper(child), rssKb: () => status("VmRSS"), peakRssKb: () => status("VmHWM") };
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error("gateway did not start");
}

export interface LoadResult { rps: number; p50: number; p99: number; non2xx: number; errors: number; requests: number }

/** autocannon in its own process; its JSON report parsed. */
export function runAutocannon(url: string, options: { seconds: number; connections: number; method?: string; headers?: Record<string, string>; body?: string }): Promise<LoadResult> {
  const args = [AUTOCANNON, "-j", "-c", String(options.connections), "-d", String(options.seconds), "-m", options.method ?? "GET"];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (options.body) args.push("-b", options.body);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const report = JSON.parse(out);
      resolve({
        rps: report.requests.average, p50: report.latency.p50, p99: report.latency.p99,
        non2xx: report.non2xx, errors: report.errors + report.timeouts, requests: report.requests.total,
      });
    });
  });
}

/** The entry load generator (signed links need one fresh nonce per request), in its own process. */
export function runEntryLoad(options: { url: string; origin: string; secret: string; seconds?: number; amount?: number; connections: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TS_NODE[0], [...TS_NODE.slice(1), `${ROOT}tests/bench/entry-load.ts`, JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`entry load exited ${code}`))));
  });
}

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { cpus } from "node:os";
import { createInterface } from "node:readline";
import { ROOT } from "../support/gateway";
import { processUsage, type Usage } from "./proc-usage";

// `node --import tsx` (not the tsx CLI, which forks a second process) so that killing a child leaves nothing behind.
const TS_NODE = [process.execPath, "--import", "tsx"] as const;

export interface Proc { child: ChildProcess; stop(): Promise<void> }

/**
 * On two or more cores the contender gets a core of its own (the last) and the load generator and
 * the simulated upstream share the rest, so a contender's req/s follows its own CPU per request
 * instead of its fight with wrk for a core. BENCH_PIN=0 turns this off.
 */
const PINNING = process.env.BENCH_PIN !== "0" && cpus().length >= 2 && existsSync("/usr/bin/taskset");
const CONTENDER_CORE = String(cpus().length - 1);
const LOAD_CORES = cpus().length > 2 ? `0-${cpus().length - 2}` : "0";

let suspended = false;

/** Runs `measure` with nothing pinned: a cold start is the process alone, with every core it would have. */
export async function unpinned<T>(measure: () => Promise<T>): Promise<T> {
  suspended = true;
  try {
    return await measure();
  } finally {
    suspended = false;
  }
}

/** `command args` run on the contender's core or on the load's cores (taskset execs: the pid stays the command's). */
export function pinned(role: "contender" | "load", command: string, args: string[]): [string, string[]] {
  if (!PINNING || suspended) return [command, args];
  return ["taskset", ["-c", role === "contender" ? CONTENDER_CORE : LOAD_CORES, command, ...args]];
}

export const pinningNote = PINNING
  ? `under load each contender is pinned to core ${CONTENDER_CORE}, wrk and the simulated upstream to core(s) ${LOAD_CORES} (taskset); cold starts run unpinned`
  : "no CPU pinning";

// Whatever happens to the benchmark, nothing it started is left running.
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));
function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The simulated upstream in its own process, so the load never shares its event loop. */
export async function startUpstreamProcess(args: string[]): Promise<Proc & { url: string }> {
  const simulator = [...TS_NODE.slice(1), `${ROOT}tests/upstream/main.ts`, "--port", "0", ...args];
  const child = track(spawn(...pinned("load", TS_NODE[0], simulator), { stdio: ["ignore", "pipe", "inherit"] }));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
  return { child, url: JSON.parse(line).url, stop: stopper(child) };
}

export interface ServerProc extends Proc { url: string; startedInMs: number; usage(): Usage }

export interface ServerSpec { command: string; args: string[]; env?: Record<string, string>; port: number }

/** A server whose stdout (request logs included) goes to /dev/null; ready at its first 200 on /healthz. */
export async function startServer(spec: ServerSpec): Promise<ServerProc> {
  const started = performance.now();
  const child = track(spawn(...pinned("contender", spec.command, spec.args), {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: String(spec.port), HOST: "127.0.0.1", ...spec.env },
    stdio: ["ignore", openSync("/dev/null", "w"), "inherit"],
  }));
  const url = `http://127.0.0.1:${spec.port}`;
  await waitForHealth(url, child);
  const startedInMs = performance.now() - started;
  return { child, url, startedInMs, stop: stopper(child), usage: () => processUsage(child.pid!) };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 20_000 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`${url} did not start (exit ${child.exitCode})`);
}

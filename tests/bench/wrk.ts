import { spawn } from "node:child_process";
import { pinned } from "./processes";
import { ROOT } from "../support/gateway";

export interface LoadOptions {
  seconds: number;
  connections: number;
  threads: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** `timeouts`: requests still unanswered after wrk's --timeout (10 s); `errors`: connect, read and write errors. */
export interface LoadResult { rps: number; requests: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; timeouts: number }

/** One wrk run; results from wrk-report.lua's JSON line (latency percentiles as with --latency). */
export function runWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  const args = ["-t", String(options.threads), "-c", String(options.connections), "-d", `${options.seconds}s`, "--latency", "--timeout", "10s", "-s", `${ROOT}tests/bench/wrk-report.lua`];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  const env = { ...process.env, WRK_METHOD: options.method ?? "GET", ...(options.body ? { WRK_BODY: options.body } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(...pinned("load", "wrk", [...args, url]), { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`wrk exited ${code}:\n${out}`));
      const report = JSON.parse(line);
      resolve({
        rps: report.requests / (report.durationUs / 1e6), requests: report.requests,
        p50Ms: report.p50Us / 1000, p99Ms: report.p99Us / 1000, non2xx: report.non2xx, errors: report.socketErrors, timeouts: report.timeouts,
      });
    });
  });
}

import { readdirSync, readFileSync } from "node:fs";
import type { RunningGateway } from "../support/gateway";

/** Open file descriptors and resident memory of the gateway process (Linux /proc). */
export function processUsage(gateway: RunningGateway): { fds: number; rssMb: number } {
  const pid = gateway.process!.pid!;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  return { fds: readdirSync(`/proc/${pid}/fd`).length, rssMb: rssKb / 1024 };
}

/** Time one healthy call takes while something else is failing. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

export interface Usage { cpuMicros: number; rssKb: number; peakRssKb: number }

/** CPU time (user + system, all threads) and memory of a process, from Linux /proc. */
export function processUsage(pid: number): Usage {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuMicros: (ticks * 1e6) / TICKS_PER_SECOND, rssKb: kb("VmRSS"), peakRssKb: kb("VmHWM") };
}

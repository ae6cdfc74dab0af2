import { writeLine } from "#gateway-runtime";

export interface LogLine {
  level: "info" | "warn" | "error";
  msg?: string;
  [field: string]: unknown;
}

/**
 * One JSON object per line on stdout. Callers pass only what is safe to keep:
 * masked MSISDNs, ids, statuses. Never a token, cookie, secret, OTP or full number.
 */
export function writeLog(line: LogLine): void {
  // `time` first without copying the line into a new object (a line always has `level`, so never `{}`).
  writeLine(`{"time":"${isoTimeNow()}",${JSON.stringify(line).slice(1)}`, line.level === "error");
}

// Lines written in the same millisecond share one formatted time.
let lastMs = 0;
let lastIso = "";

function isoTimeNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

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

// `new Date().toISOString()` per line showed in profiles: the date and time are
// formatted once a second ("2026-12-02T09:25:53."), the milliseconds appended.
let second = -1;
let secondPrefix = "";

export function isoTimeNow(now = Date.now()): string {
  const ms = now % 1000;
  if (now - ms !== second) {
    second = now - ms;
    secondPrefix = new Date(second).toISOString().slice(0, 20);
  }
  return `${secondPrefix}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}

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
  writeLine(`{"time":"${new Date().toISOString()}",${JSON.stringify(line).slice(1)}`, line.level === "error");
}

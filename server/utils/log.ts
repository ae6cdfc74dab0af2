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
  writeLine(JSON.stringify({ time: new Date().toISOString(), ...line }), line.level === "error");
}

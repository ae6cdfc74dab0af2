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
  const text = `{"time":"${new Date().toISOString()}",${JSON.stringify(line).slice(1)}`;
  if (line.level === "error" || !batching) writeLine(text, line.level === "error");
  else queueLine(text);
}

// Info and warning lines wait for the end of the event-loop turn and leave in one
// write (on Node a system call each otherwise); errors are written at once. On
// workerd (console.log, no system call; timers may not outlive the request) every
// line is written at once.
const batching = typeof setImmediate === "function" && globalThis.navigator?.userAgent !== "Cloudflare-Workers";
let queued: string[] = [];

function queueLine(text: string): void {
  if (queued.length === 0) setImmediate(flushLog);
  queued.push(text);
}

/** Writes the lines still waiting; also run at exit. */
export function flushLog(): void {
  if (queued.length === 0) return;
  const text = queued.join("\n");
  queued = [];
  writeLine(text, false);
}

if (batching) globalThis.process?.once?.("exit", flushLog);

import type { H3Event } from "h3";
import { HEALTH_CHECK_PATHS } from "../shared/gateway-paths";
import { maskMsisdn } from "../shared/mask";
import { useGateway } from "./gateway";
import { writeLog } from "./log";
import { recordRequest } from "./metrics";

// Load balancers poll these every few seconds; only their failures are worth a line.
const HEALTH_CHECKS = new Set<string>(HEALTH_CHECK_PATHS);

/**
 * One line per request. The path is logged without its query (the entry link
 * carries a phone number) and, under /api, as the rule's pattern: document
 * paths carry capability keys. Never a header value.
 */
export function logRequest(event: H3Event): void {
  const status = event.node.res.statusCode;
  recordRequest(event, status, event.context.startedAt as number | undefined);
  if (!requestLogEnabled() || (status < 400 && HEALTH_CHECKS.has(event.path))) return;
  const started = event.context.startedAt as number | undefined;
  writeLog({
    level: status >= 500 ? "error" : "info",
    requestId: event.context.requestId,
    method: event.method,
    path: loggablePath(event),
    route: event.context.routeId,
    status,
    durationMs: started === undefined ? undefined : Math.round((performance.now() - started) * 10) / 10,
    msisdn: event.context.msisdn ? maskMsisdn(event.context.msisdn) : undefined,
    error: event.context.errorCode,
  });
}

function loggablePath(event: H3Event): string {
  if (event.context.logPath) return event.context.logPath;
  const path = event.path.split("?")[0];
  return path.startsWith("/api/") ? "/api/*" : path.slice(0, 200);
}

function requestLogEnabled(): boolean {
  try {
    return useGateway().config.logRequests;
  } catch {
    return true;
  }
}

import { getRequestHeader, type H3Event } from "h3";
import { HEALTH_CHECK_PATHS } from "../shared/gateway-paths";
import { maskMsisdn } from "../shared/mask";
import { randomToken, timingSafeEqual } from "./crypto";
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
  if (isInternalRender(event)) return;
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

/**
 * A page the gateway renders for itself, as the answer to a form post (features/new-session-page.ts): that
 * post's own line and metrics count the request once; the inner `GET` is not a request anybody made. It
 * carries a token only this process knows (made on first use: workerd allows no randomness at start).
 */
const INTERNAL_RENDER_HEADER = "x-gateway-render";
let internalRenderToken: string | undefined;

export function internalRenderHeaders(): Record<string, string> {
  return { [INTERNAL_RENDER_HEADER]: (internalRenderToken ??= randomToken(16)) };
}

function isInternalRender(event: H3Event): boolean {
  if (internalRenderToken === undefined) return false;
  const sent = getRequestHeader(event, INTERNAL_RENDER_HEADER);
  return sent !== undefined && timingSafeEqual(sent, internalRenderToken);
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

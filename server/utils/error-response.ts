import { getCookie, getRequestHeader, type H3Error, type H3Event } from "h3";
import { ERROR_CATALOG, type ErrorCode, type GatewayErrorBody, type Language } from "../shared/error-codes";
import { ERROR_PAGE_CSP, renderErrorPage } from "./error-page";
import { toGatewayErrorData, type GatewayErrorData } from "./errors";
import { writeLog } from "./log";
import { logRequest } from "./request-log";
import { wantsJson } from "./respond";

const SESSION_ERRORS = new Set<ErrorCode>(["session_required", "session_expired", "otp_attempts_exceeded"]);

export function sendGatewayError(event: H3Event, error: H3Error): void {
  respondWithError(event, error);
  logRequest(event);
}

function respondWithError(event: H3Event, error: H3Error): void {
  const data = toGatewayErrorData(error);
  event.context.errorCode = data.code;
  if (data.code === "internal_error") reportUnexpected(event, error);
  const res = event.node.res;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = ERROR_CATALOG[data.code].status;
  res.statusMessage = "";
  applyErrorHeaders(event, data);
  if (isBrowserFormPost(event)) return sendBrowserError(event, data);
  const body: GatewayErrorBody = {
    error: data.code,
    message: ERROR_CATALOG[data.code].en,
    requestId: event.context.requestId,
    ...(data.fields ? { fields: data.fields } : {}),
    ...(data.retryAfter ? { retryAfter: data.retryAfter } : {}),
  };
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

function applyErrorHeaders(event: H3Event, data: GatewayErrorData): void {
  const res = event.node.res;
  res.setHeader("cache-control", "no-store");
  for (const name of ["etag", "last-modified", "content-disposition", "content-length"]) res.removeHeader(name);
  if (data.retryAfter) res.setHeader("retry-after", String(data.retryAfter));
  if (data.allow) res.setHeader("allow", data.allow);
  if (data.closeConnection) res.setHeader("connection", "close");
}

/** Plain HTML form posts (entry, OTP) get a page or a redirect back to the form, never JSON. */
function isBrowserFormPost(event: H3Event): boolean {
  return event.method === "POST" && !event.path.startsWith("/api/") && !wantsJson(event);
}

function sendBrowserError(event: H3Event, data: GatewayErrorData): void {
  const res = event.node.res;
  const path = event.path.split("?")[0];
  if (path.startsWith("/session/") && SESSION_ERRORS.has(data.code)) return redirect(event, `/session-ended?reason=${data.code}`);
  if (path.startsWith("/session/otp")) return redirect(event, `/otp?error=${data.code}`);
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-security-policy", ERROR_PAGE_CSP);
  res.end(renderErrorPage(data.code, languageOf(event), event.context.requestId));
}

function redirect(event: H3Event, location: string): void {
  event.node.res.statusCode = 303;
  event.node.res.setHeader("location", location);
  event.node.res.end();
}

function languageOf(event: H3Event): Language {
  if (getCookie(event, "lang") === "sw") return "sw";
  return /^sw\b/i.test(getRequestHeader(event, "accept-language") ?? "") ? "sw" : "en";
}

function reportUnexpected(event: H3Event, error: H3Error): void {
  const cause = (error.cause ?? error) as Error;
  writeLog({ level: "error", requestId: event.context.requestId, msg: "unexpected error", name: cause?.name, detail: cause?.message?.slice(0, 200) });
}

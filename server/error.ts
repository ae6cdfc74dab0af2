import type { NitroErrorHandler } from "nitropack";
import type { H3Error, H3Event } from "h3";
import { ERROR_CATALOG, isErrorCode, type ErrorCode, type GatewayErrorBody } from "./shared/error-codes";
import { SERVER_TO_SERVER_PATHS } from "./shared/gateway-paths";
import type { Language } from "./shared/language";
import type { GatewayErrorData } from "./utils/errors";
import { writeLog } from "./utils/log";
import { logRequest } from "./utils/request-log";
import { getRequestLanguage, wantsJson } from "./utils/respond";

// The one place error responses are shaped: JSON, or a page or redirect for plain form posts.
// Errors are logged here too (h3 skips afterResponse for them).
const errorHandler: NitroErrorHandler = (error, event) => {
  respondWithError(event, error);
  logRequest(event);
};

export default errorHandler;

/** Maps any thrown value to the error data the response is shaped from. */
function toGatewayErrorData(error: H3Error): GatewayErrorData {
  const data = error.data as Partial<GatewayErrorData> | undefined;
  if (data && isErrorCode(data.code)) return data as GatewayErrorData;
  if (error.statusCode === 404) return { code: "not_found" };
  if (error.statusCode === 405) return { code: "method_not_allowed" };
  if (error.statusCode === 413) return { code: "payload_too_large", closeConnection: true };
  if (error.statusCode === 400) return { code: "bad_request" };
  return { code: "internal_error" };
}

const SESSION_ERRORS = new Set<ErrorCode>(["session_required", "session_expired", "otp_attempts_exceeded"]);

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
  return event.method === "POST" && !event.path.startsWith("/api/") && !SERVER_TO_SERVER_PATHS.has(event.path) && !wantsJson(event);
}

function sendBrowserError(event: H3Event, data: GatewayErrorData): void {
  const res = event.node.res;
  const path = event.path.split("?")[0];
  if (path.startsWith("/session/") && SESSION_ERRORS.has(data.code)) return redirect(event, `/session-ended?reason=${data.code}`);
  if (path.startsWith("/session/otp")) return redirect(event, otpPageAfter(path, data));
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-security-policy", ERROR_PAGE_CSP);
  res.end(renderErrorPage(data.code, getRequestLanguage(event), event.context.requestId));
}

/** Back to the code page, saying which form was refused (the code, or "Send a new code") and, from Retry-After, for how long. */
function otpPageAfter(path: string, data: GatewayErrorData): string {
  const query = new URLSearchParams({ error: data.code });
  if (path === "/session/otp/resend") query.set("from", "resend");
  if (data.retryAfter) query.set("wait", String(data.retryAfter));
  return `/otp?${query}`;
}

function redirect(event: H3Event, location: string): void {
  event.node.res.statusCode = 303;
  event.node.res.setHeader("location", location);
  event.node.res.end();
}

function reportUnexpected(event: H3Event, error: H3Error): void {
  const cause = (error.cause ?? error) as Error;
  writeLog({ level: "error", requestId: event.context.requestId, msg: "unexpected error", name: cause?.name, detail: cause?.message?.slice(0, 200) });
}

const TITLES: Record<Language, string> = { en: "We could not continue", sw: "Hatukuweza kuendelea" };
const REFERENCE: Record<Language, string> = { en: "Reference", sw: "Kumbukumbu" };

const STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:24px 16px;color:#1b1b1b;background:#f6f7f9}"
  + "main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:20px;border-top:6px solid #c8102e}"
  + "h1{font-size:1.25rem}small{color:#555}";
// base64 SHA-256 of STYLE, so the page's own CSP allows exactly this style and nothing else.
// Change STYLE and this together (tests/integration/refusal-page.test.ts recomputes it from the served page).
const STYLE_SHA256 = "ZEWi+OHhUMWOv9bv7FLg7bPlsf7ZlBbl/DXnsUjBEsg=";

/** The refusal page's policy: no script, no fetch, no form; only its one inline style. */
const ERROR_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_SHA256}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A small self-contained page for refusals of plain form posts: no script, system fonts, readable at 360 px. */
function renderErrorPage(code: ErrorCode, language: Language, requestId: string | undefined): string {
  const message = ERROR_CATALOG[code][language];
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLES[language]}</title>`
    + `<style>${STYLE}</style></head><body><main role="alert">`
    + `<h1>${TITLES[language]}</h1><p>${message}</p>`
    + (requestId ? `<p><small>${REFERENCE[language]}: ${escapeHtml(requestId)}</small></p>` : "")
    + `</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

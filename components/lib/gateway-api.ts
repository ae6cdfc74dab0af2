import { ERROR_CATALOG, isErrorCode, type ErrorCode, type GatewayErrorBody } from "../../server/shared/error-codes";
import type { Language } from "../../server/shared/language";
import { refusalText } from "../../server/shared/returns";
import { hasMessage, type MessageKey, type Translate } from "../i18n";
import { explainKraRefusal } from "./kra-words";

/** A failed call, in terms the UI can explain. */
export type ApiProblem =
  | ({ kind: "gateway"; code: ErrorCode; retryAfter?: number } & Pick<GatewayErrorBody, "requestId" | "fields">)
  | { kind: "business"; code?: number; message?: string; requestId?: string }
  | { kind: "network" };

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: ApiProblem };

const SESSION_ENDED = new Set<ErrorCode>(["session_required", "session_expired"]);
const KNOWN_BUSINESS_CODES = new Set([4, 10, 11, 13, 15, 19]);

/** A proxied call: `path` is under the gateway's /api. */
export function callApi<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> {
  return callGateway<T>(method, `/api${path}`, body);
}

/**
 * The UI's one same-origin JSON call to the gateway: /api (the proxy) and its own routes
 * (/session/…). A 401 means the session is over: the whole page goes to the session-ended page
 * (nothing stays in memory).
 */
export async function callGateway<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json", "x-csrf": "1" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, problem: { kind: "network" } };
  }
  const data = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const problem = toProblem(data, retryAfterSeconds(response.headers.get("retry-after")), response.headers.get("x-request-id") ?? undefined);
  if (problem.kind === "gateway" && SESSION_ENDED.has(problem.code)) endSession(problem.code);
  return { ok: false, status: response.status, problem };
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined. */
function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function toProblem(data: unknown, retryAfter?: number, requestId?: string): ApiProblem {
  // The gateway's own refusal, or an upstream business error (numeric `code` and `message` only).
  const body = (data ?? {}) as Partial<Omit<GatewayErrorBody, "error" | "message">> & { error?: unknown; code?: unknown; message?: unknown };
  if (isErrorCode(body.error)) return { kind: "gateway", code: body.error, requestId: body.requestId, fields: body.fields, retryAfter };
  return {
    kind: "business",
    code: typeof body.code === "number" ? body.code : undefined,
    // eTIMS refusals carry `message`; returns refusals ErrorCode, Message, message or errors.detail.
    message: refusalText(data)?.slice(0, 200),
    // The gateway's id for this request (every answer's x-request-id): what to quote to support about a KRA refusal.
    requestId,
  };
}

export function endSession(reason: string): void {
  window.location.assign(`/session-ended?reason=${encodeURIComponent(reason)}`);
}

/** One sentence for any problem, in the current language. */
export function describeProblem(problem: ApiProblem, t: Translate, language: Language): string {
  if (problem.kind === "network") return t("error.network");
  if (problem.kind === "gateway" && problem.code === "rate_limited" && problem.retryAfter && hasMessage("error.waitFor")) return t("error.waitFor", { wait: waitText(problem.retryAfter, t) });
  if (problem.kind === "gateway") return ERROR_CATALOG[problem.code][language];
  if (problem.code !== undefined && KNOWN_BUSINESS_CODES.has(problem.code)) return t(`biz.${problem.code}` as MessageKey);
  return explainKraRefusal(t, problem.message);
}

/** "45 seconds", "3 minutes", "2 hours" in the page's language. */
export function waitText(seconds: number, t: Translate): string {
  if (seconds < 90) return t("wait.seconds", { n: seconds });
  if (seconds < 90 * 60) return t("wait.minutes", { n: Math.ceil(seconds / 60) });
  return t("wait.hours", { n: Math.ceil(seconds / 3600) });
}

/** The gateway's PDF path for an upstream document URL: its pathname under /api. */
export function documentPath(url: string | undefined): string | undefined {
  const parts = documentParts(url);
  return parts && `/api/public/etims/invoice/${parts.invoice}/${parts.key}`;
}

/** An eTIMS document URL's invoice and key (what "send to my WhatsApp" names), or undefined. */
export function documentParts(url: string | undefined): { invoice: string; key: string } | undefined {
  if (!url) return undefined;
  try {
    const match = /^\/public\/etims\/invoice\/([A-Z0-9]+)\/([A-Za-z0-9]+)$/.exec(new URL(url).pathname);
    return match ? { invoice: match[1], key: match[2] } : undefined;
  } catch {
    return undefined;
  }
}

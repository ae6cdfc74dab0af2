import type { ErrorCode, GatewayErrorBody } from "../../server/shared/error-codes";

/** A failed call, in terms the UI can explain. */
export type ApiProblem =
  | ({ kind: "gateway"; code: ErrorCode; retryAfter?: number } & Pick<GatewayErrorBody, "requestId" | "fields">)
  | { kind: "business"; code?: number; message?: string; requestId?: string }
  | { kind: "network" };

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: ApiProblem };

const SESSION_ENDED = new Set<ErrorCode>(["session_required", "session_expired"]);

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
  const problem = await toProblem(data, retryAfterSeconds(response.headers.get("retry-after")), response.headers.get("x-request-id") ?? undefined);
  if (problem.kind === "gateway" && SESSION_ENDED.has(problem.code)) endSession(problem.code);
  return { ok: false, status: response.status, problem };
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined. */
function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

async function toProblem(data: unknown, retryAfter?: number, requestId?: string): Promise<ApiProblem> {
  // The gateway's own refusal (a string `error`: its catalogue, with the texts, loads only to describe
  // one, components/lib/describe-problem.ts), or an upstream business error (numeric `code` and `message` only).
  const body = (data ?? {}) as Partial<Omit<GatewayErrorBody, "error" | "message">> & { error?: unknown; code?: unknown; message?: unknown };
  if (typeof body.error === "string") return { kind: "gateway", code: body.error as ErrorCode, requestId: body.requestId, fields: body.fields, retryAfter };
  return {
    kind: "business",
    code: typeof body.code === "number" ? body.code : undefined,
    // eTIMS refusals carry `message`; returns refusals ErrorCode, Message, message or errors.detail.
    message: (await readRefusal(data))?.slice(0, 200),
    // The gateway's id for this request (every answer's x-request-id): what to quote to support about a KRA refusal.
    requestId,
  };
}

/**
 * The upstream's sentence in a refusal. Its reader (server/shared/returns-read.ts, with the returns readers) loads
 * with the first refusal, not with every page (issue 22's budgets); if it cannot load, no sentence.
 */
async function readRefusal(data: unknown): Promise<string | undefined> {
  try {
    return (await import("../../server/shared/returns-read")).refusalText(data);
  } catch {
    return undefined;
  }
}

export function endSession(reason: string): void {
  window.location.assign(`/session-ended?reason=${encodeURIComponent(reason)}`);
}

import type { ErrorCode } from "../shared/error-codes";

/** Upstream response headers the client may see; everything else (set-cookie, server, x-powered-by, hop-by-hop) is dropped. */
export const KEPT_RESPONSE_HEADERS = ["content-type", "content-length", "etag", "content-disposition", "last-modified"] as const;

const RESPONSE_TYPES = { json: "application/json", pdf: "application/pdf" } as const;

export type UpstreamVerdict = { pass: true } | { pass: false; code: ErrorCode; endSession?: true };

/**
 * Decides, from the status line and headers alone, whether the answer may be
 * streamed to the client. Business errors (4xx JSON, e.g. 422 with a numeric
 * `code`) pass as data; the upstream's own failures become generic 502s.
 */
export function judgeUpstreamResponse(
  status: number, contentType: string | undefined, contentLength: number | undefined,
  responds: "json" | "pdf", maxBytes: number,
): UpstreamVerdict {
  if (status === 401) return { pass: false, code: "session_expired", endSession: true };
  if (status >= 502 && status <= 504) return { pass: false, code: "upstream_unavailable" };
  if (status >= 500 || status < 200 || (status >= 300 && status < 400 && status !== 304)) {
    return { pass: false, code: "upstream_error" };
  }
  if (contentLength !== undefined && contentLength > maxBytes) return { pass: false, code: "upstream_error" };
  if (status === 304) return { pass: true };
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const expected = status >= 400 ? RESPONSE_TYPES.json : RESPONSE_TYPES[responds];
  return type === expected ? { pass: true } : { pass: false, code: "upstream_error" };
}

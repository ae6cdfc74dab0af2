import { RuntimeFailure, type FailureKind, type FailureSign } from "./contract";

/**
 * Upstream response headers the client may see; everything else (set-cookie, server, x-powered-by, hop-by-hop) is
 * dropped. Content-Disposition too: the gateway names a document itself (server/utils/proxy-shape.ts, nameDocument).
 */
const KEPT_RESPONSE_HEADERS = ["content-type", "content-length", "etag", "last-modified"] as const;

/** JSON answers are held until complete, so they have their own, small bound. */
export const MAX_JSON_RESPONSE_BYTES = 1024 * 1024;

export function keptResponseHeaders(get: (name: string) => string | undefined): [string, string][] {
  const kept: [string, string][] = [];
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = get(name);
    if (value !== undefined) kept.push([name, value]);
  }
  return kept;
}

const RESPONSE_TYPES = { json: "application/json", pdf: "application/pdf" } as const;

type UpstreamVerdict = { pass: true } | { pass: false; failure: FailureKind; sign: FailureSign };

/**
 * Decides, from the status line and headers alone, whether the answer may be
 * streamed to the client. Business errors (4xx JSON, e.g. 422 with a numeric
 * `code`) pass as data; the upstream's own failures become generic 502s
 * (server/utils/errors.ts), a 401 ends the session.
 */
export function judgeUpstreamResponse(
  status: number, contentType: string | undefined, contentLength: number | undefined,
  responds: "json" | "pdf", maxBytes: number,
): UpstreamVerdict {
  if (status === 401) return { pass: false, failure: "unauthorized", sign: "unauthorized" };
  if (status >= 502 && status <= 504) return { pass: false, failure: "unavailable", sign: "5xx" };
  if (status >= 500) return { pass: false, failure: "bad_answer", sign: "5xx" };
  if (status < 200 || (status >= 300 && status < 400 && status !== 304)) return { pass: false, failure: "bad_answer", sign: "bad_status" };
  const limit = responds === "json" || status >= 400 ? Math.min(maxBytes, MAX_JSON_RESPONSE_BYTES) : maxBytes;
  if (contentLength !== undefined && contentLength > limit) return { pass: false, failure: "too_large", sign: "too_large" };
  if (status === 304) return { pass: true };
  const type = mediaTypeOf(contentType);
  const expected = status >= 400 ? RESPONSE_TYPES.json : RESPONSE_TYPES[responds];
  if (type === expected) return { pass: true };
  return { pass: false, failure: "bad_answer", sign: type === "text/html" ? "html" : "bad_type" };
}

// An upstream sends the same Content-Type again and again: each distinct value is reduced once.
const mediaTypes = new Map<string, string>();

function mediaTypeOf(contentType = ""): string {
  let type = mediaTypes.get(contentType);
  if (type !== undefined) return type;
  type = contentType.split(";")[0].trim().toLowerCase();
  if (mediaTypes.size < 64) mediaTypes.set(contentType, type);
  return type;
}

export function refusedAnswer(verdict: { failure: FailureKind; sign: FailureSign }): RuntimeFailure {
  return new RuntimeFailure(verdict.failure, verdict.failure, verdict.sign);
}

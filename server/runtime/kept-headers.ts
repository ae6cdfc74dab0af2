/**
 * Upstream response headers the client may see; everything else (set-cookie, server, x-powered-by, hop-by-hop) is
 * dropped. Content-Disposition too: the gateway names a document itself (server/proxy/answer.ts, nameDocument).
 */
export const KEPT_RESPONSE_HEADERS = ["content-type", "content-length", "etag", "last-modified"] as const;

export function keptResponseHeaders(get: (name: string) => string | undefined): [string, string][] {
  const kept: [string, string][] = [];
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = get(name);
    if (value !== undefined) kept.push([name, value]);
  }
  return kept;
}

import { getRequestHeader, type H3Event } from "h3";
import { gatewayError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Unsafe methods must come from our own pages: `Origin` equal to the public
 * origin or, without Origin, `Sec-Fetch-Site: same-origin`. Calls to /api also
 * carry `X-CSRF: 1`, which no cross-site form can set without a CORS preflight.
 * See https://owasp.org/www-community/attacks/csrf and Hono's csrf middleware.
 */
export function assertSameOrigin(event: H3Event, publicOrigin: string): void {
  if (SAFE_METHODS.has(event.method)) return;
  const origin = getRequestHeader(event, "origin");
  const fetchSite = getRequestHeader(event, "sec-fetch-site");
  const sameOrigin = origin !== undefined
    ? origin === publicOrigin && (fetchSite === undefined || fetchSite === "same-origin")
    : fetchSite === "same-origin";
  if (!sameOrigin) throw gatewayError("csrf");
  if (event.path.startsWith("/api/") && getRequestHeader(event, "x-csrf") !== "1") throw gatewayError("csrf");
}

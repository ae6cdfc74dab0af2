import { getRequestHeader, type H3Event } from "h3";
import { gatewayError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Unsafe methods must come from our own pages: `Sec-Fetch-Site: same-origin`
 * (with an `Origin`, if any, that is ours or `null`), or, from browsers that do
 * not send Sec-Fetch-Site, `Origin` equal to the public origin. Calls to /api also
 * carry `X-CSRF: 1`, which no cross-site form can set without a CORS preflight.
 * See https://owasp.org/www-community/attacks/csrf and Hono's csrf middleware.
 */
export function assertSameOrigin(event: H3Event, publicOrigin: string): void {
  if (SAFE_METHODS.has(event.method)) return;
  const origin = getRequestHeader(event, "origin");
  const fetchSite = getRequestHeader(event, "sec-fetch-site");
  // Pages sent with `Referrer-Policy: no-referrer` make browsers post `Origin: null`;
  // `Sec-Fetch-Site`, which no page can set, still tells a same-origin post apart.
  const ours = origin === undefined || origin === "null" || origin === publicOrigin;
  const sameOrigin = fetchSite === undefined ? origin === publicOrigin : fetchSite === "same-origin" && ours;
  if (!sameOrigin) throw gatewayError("csrf");
  if (event.path.startsWith("/api/") && getRequestHeader(event, "x-csrf") !== "1") throw gatewayError("csrf");
}

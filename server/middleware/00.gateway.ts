import { defineEventHandler, getRequestHeader, type H3Event } from "h3";
import { GATEWAY_PATH_PATTERN, isEntryLanding, SERVER_TO_SERVER_PATHS } from "../shared/gateway-paths";
import { randomToken } from "../utils/crypto";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";

/**
 * Every request, in this order: its id and start time (for the log line), the
 * security headers, then the CSRF check, so even a refusal carries the headers.
 */
export default defineEventHandler((event) => {
  event.context.startedAt = performance.now();
  setRequestId(event);
  setSecurityHeaders(event);
  if (!SAFE_METHODS.has(event.method) && !SERVER_TO_SERVER_PATHS.has(event.path)) assertSameOrigin(event, useGateway().config.publicOrigin);
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// An id from KRA's load balancer is kept when it is plain; anything else is replaced.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;
// Unpredictable (from the pooled random bytes): nobody can send ahead the id another taxpayer's
// request is about to get, which the kept load-balancer id would then mix with theirs in the logs.
const nextRequestId = () => randomToken(12);

function setRequestId(event: H3Event): void {
  const incoming = getRequestHeader(event, "x-request-id");
  const requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : nextRequestId();
  event.context.requestId = requestId;
  event.node.res.setHeader("x-request-id", requestId);
}

const COMMON: [string, string][] = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["x-frame-options", "DENY"],
  ["cross-origin-opener-policy", "same-origin"],
  ["cross-origin-resource-policy", "same-origin"],
  ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
];
const HSTS: [string, string] = ["strict-transport-security", "max-age=63072000; includeSubDomains"];
const API_CSP: [string, string] = ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"];

let securityHeaders: { api: [string, string][]; page: [string, string][] } | undefined;

function setSecurityHeaders(event: H3Event): void {
  const res = event.node.res;
  const headers = (securityHeaders ??= buildSecurityHeaders());
  // The gateway's own answers (JSON, redirects) get the strict API policy; only UI pages need a script nonce.
  if (GATEWAY_PATH_PATTERN.test(event.path)) {
    for (const [name, value] of headers.api) res.setHeader(name, value);
    return;
  }
  for (const [name, value] of headers.page) res.setHeader(name, value);
  if (event.path.startsWith("/_build/")) return;
  const nonce = randomToken(16);
  event.context.cspNonce = nonce;
  res.setHeader("content-security-policy", pageContentSecurityPolicy(nonce, !isEntryLanding(event.path)));
  res.setHeader("cache-control", "no-store");
}

/** Headers for every response, built once: the origin decides HSTS. */
function buildSecurityHeaders(): { api: [string, string][]; page: [string, string][] } {
  const https = useGateway().config.publicOrigin.startsWith("https:");
  const base = https ? [...COMMON, HSTS] : COMMON;
  return { api: [...base, API_CSP, ["cache-control", "no-store"]], page: base };
}

/**
 * The UI's policy: scripts only from this origin or carrying this response's nonce. The WhatsApp
 * link's landing page (`/?phone=…`, attacker-chosen text in it) runs only its inline script.
 */
function pageContentSecurityPolicy(nonce: string, ownScripts: boolean): string {
  return [
    "default-src 'self'",
    `script-src ${ownScripts ? "'self' " : ""}'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Unsafe methods must come from our own pages: `Sec-Fetch-Site: same-origin`
 * (with an `Origin`, if any, that is ours or `null`), or, from browsers that do
 * not send Sec-Fetch-Site, `Origin` equal to the public origin. Calls to /api also
 * carry `X-CSRF: 1`, which no cross-site form can set without a CORS preflight.
 * See https://owasp.org/www-community/attacks/csrf and Hono's csrf middleware.
 */
function assertSameOrigin(event: H3Event, publicOrigin: string): void {
  const origin = getRequestHeader(event, "origin");
  const fetchSite = getRequestHeader(event, "sec-fetch-site");
  // Pages sent with `Referrer-Policy: no-referrer` make browsers post `Origin: null`;
  // `Sec-Fetch-Site`, which no page can set, still tells a same-origin post apart.
  const ours = origin === undefined || origin === "null" || origin === publicOrigin;
  const sameOrigin = fetchSite === undefined ? origin === publicOrigin : fetchSite === "same-origin" && ours;
  if (!sameOrigin) throw gatewayError("csrf");
  if (event.path.startsWith("/api/") && getRequestHeader(event, "x-csrf") !== "1") throw gatewayError("csrf");
}

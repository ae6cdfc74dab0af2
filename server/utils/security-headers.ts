import { useGateway } from "./gateway";

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

let cached: { api: [string, string][]; page: [string, string][] } | undefined;

/** Headers for every response, built once: the origin decides HSTS. */
export function securityHeaders(): { api: [string, string][]; page: [string, string][] } {
  if (cached) return cached;
  const https = useGateway().config.publicOrigin.startsWith("https:");
  const base = https ? [...COMMON, HSTS] : COMMON;
  cached = { api: [...base, API_CSP, ["cache-control", "no-store"]], page: base };
  return cached;
}

/** The UI's policy: scripts only from this origin or carrying this response's nonce. */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

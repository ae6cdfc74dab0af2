// Shared with the UI and the build: the paths the gateway's own handlers (server/)
// answer; everything else is a UI page. The dev proxy (app.config.ts) and the
// security headers read this one list, the request log its health checks.

/** A prefix ending in `/` covers everything under it; the others match the path itself, `…/sub` or `…?query`. */
export const GATEWAY_PATH_PREFIXES = ["/api/", "/entry", "/session", "/healthz", "/readyz", "/favicon.ico", "/robots.txt", "/language", "/whatsapp/"] as const;

/** Called by WhatsApp's servers, not a browser: the request signature (X-Hub-Signature-256) replaces the CSRF check. */
export const SERVER_TO_SERVER_PATHS: ReadonlySet<string> = new Set(["/whatsapp/flows", "/whatsapp/webhook"]);

/** Polled by load balancers. */
export const HEALTH_CHECK_PATHS = ["/healthz", "/readyz"] as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regular expression for the whole list, tested against `event.path` (the query may follow). */
export const GATEWAY_PATH_PATTERN = new RegExp(
  `^(?:${GATEWAY_PATH_PREFIXES.map((prefix) => (prefix.endsWith("/") ? escape(prefix) : `${escape(prefix)}(?:$|[/?])`)).join("|")})`,
);

export function isGatewayPath(path: string): boolean {
  return GATEWAY_PATH_PATTERN.test(path);
}

/** `/?phone=…`: the WhatsApp link's landing page, which runs only its own inline script. */
export function isEntryLanding(path: string): boolean {
  return /^\/\?(?:[^#]*&)?phone=/.test(path);
}

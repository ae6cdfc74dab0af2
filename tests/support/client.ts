export const SESSION_COOKIE = "__Host-session";

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Send the browser's same-origin signals (Origin, Sec-Fetch-Site, and X-CSRF on /api). Default true. */
  sameOrigin?: boolean;
}

/**
 * A client that behaves like the WebView on the gateway's own pages: it keeps
 * the session cookie, sends same-origin signals on unsafe methods and never
 * follows redirects, so tests see every status and Set-Cookie.
 */
export class GatewayClient {
  sessionId: string | undefined;
  lastSetCookie: string[] = [];

  constructor(readonly baseUrl: string, readonly origin = baseUrl) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...this.signals(method, path, options), ...options.headers };
    if (this.sessionId !== undefined && !hasHeader(headers, "cookie")) headers.cookie = `${SESSION_COOKIE}=${this.sessionId}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] ??= "application/json";
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers["content-type"] ??= "application/x-www-form-urlencoded";
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: "manual" });
    this.remember(response);
    return response;
  }

  get(path: string, options?: RequestOptions) {
    return this.request("GET", path, options);
  }

  post(path: string, options?: RequestOptions) {
    return this.request("POST", path, options);
  }

  /** POST /entry as the landing page's form does. */
  enter(fields: Record<string, string>, options: RequestOptions = {}) {
    return this.post("/entry", { ...options, form: fields });
  }

  submitOtp(otp: string, options: RequestOptions = {}) {
    return this.post("/session/otp", { ...options, form: { otp } });
  }

  api(method: string, path: string, options: RequestOptions = {}) {
    return this.request(method, `/api${path}`, { ...options, headers: { accept: "application/json", ...options.headers } });
  }

  private signals(method: string, path: string, options: RequestOptions): Record<string, string> {
    if (options.sameOrigin === false || method === "GET" || method === "HEAD") return {};
    const signals: Record<string, string> = { origin: this.origin, "sec-fetch-site": "same-origin" };
    if (path.startsWith("/api/")) signals["x-csrf"] = "1";
    return signals;
  }

  private remember(response: Response): void {
    this.lastSetCookie = response.headers.getSetCookie();
    for (const cookie of this.lastSetCookie) {
      const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
      if (!match) continue;
      this.sessionId = /max-age=0/i.test(cookie) || match[1] === "" ? undefined : match[1];
    }
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

export interface CookieAttributes {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string): CookieAttributes {
  const [pair, ...rest] = header.split(";").map((part) => part.trim());
  const at = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq === -1) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

import { getRequestHeader, setResponseHeaders, type H3Event } from "h3";
import { useNitroApp } from "nitropack/runtime";
import { internalRenderHeaders } from "../utils/request-log";
import { SESSION_COOKIE } from "../utils/session";

/** The UI pages a form post may be answered with, for the session it just created. */
export type NewSessionPath = "/otp" | "/";

const NONCE = /'nonce-([A-Za-z0-9_-]+)'/;
// The script goes first in the document (the scriptless pages start with it, without a <head> tag; the others right inside <head>).
const CHARSET = /<meta charset="utf-8">/i;

/**
 * A scripted form post that created a session (POST /entry, POST /session/otp), answered with the
 * next page itself instead of a 303 to it: one round trip less on a slow phone (issue 22). The page
 * is the UI's own `path`, rendered for the session this response sets; a line of script (with that
 * page's nonce) puts `path` in the address bar, which also turns the history entry into a GET: a
 * reload asks for `path` and never re-posts the form (the link, or the used code), and Back goes
 * where it went after the 303. Only a document navigation gets the page; a script, or a page that
 * cannot be rendered here (workerd serves no UI), gets the 303 (undefined here).
 * Compression (node-compress.ts) of these answers is safe from BREACH: the body reflects nothing
 * the request sent (not the link's fields, not the code), and holds no secret an attacker could
 * guess byte by byte: the session id is only in the HttpOnly cookie header, there is no CSRF token
 * (Origin + Sec-Fetch-Site), the number is masked, and the nonce is new on every response.
 */
export async function renderPageForNewSession(event: H3Event, path: NewSessionPath): Promise<string | undefined> {
  if (getRequestHeader(event, "sec-fetch-dest") !== "document") return undefined;
  const cookie = newSessionCookie(event);
  if (!cookie) return undefined;
  const page = await useNitroApp().localFetch(path, { headers: pageRequestHeaders(event, cookie) }).catch(() => undefined);
  const policy = page?.headers.get("content-security-policy") ?? "";
  const nonce = NONCE.exec(policy)?.[1];
  if (!page || page.status !== 200 || !nonce || !page.headers.get("content-type")?.startsWith("text/html")) return undefined;
  const html = await page.text();
  if (!CHARSET.test(html)) return undefined;
  setResponseHeaders(event, { "content-type": "text/html; charset=utf-8", "content-security-policy": policy, "cache-control": "no-store" });
  const script = `<script nonce="${nonce}">history.replaceState(null,"",${JSON.stringify(path)})</script>`;
  return html.replace(CHARSET, (charset) => charset + script);
}

/** `__Host-session=<id>` as just set on this response by createSession (at entry, or rotated by the OTP). */
function newSessionCookie(event: H3Event): string | undefined {
  const set = event.node.res.getHeader("set-cookie");
  const cookies = Array.isArray(set) ? set : typeof set === "string" ? [set] : [];
  return cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.startsWith(`${SESSION_COOKIE}=;`))?.split(";")[0];
}

/** What the page's language is chosen by (the `lang` cookie, Accept-Language), the new session, and that this is no request of its own (no log line). */
function pageRequestHeaders(event: H3Event, sessionCookie: string): Record<string, string> {
  const others = (getRequestHeader(event, "cookie") ?? "").split(";").map((part) => part.trim())
    .filter((part) => part !== "" && !part.startsWith(`${SESSION_COOKIE}=`));
  const language = getRequestHeader(event, "accept-language");
  return {
    accept: "text/html", cookie: [...others, sessionCookie].join("; "), ...(language ? { "accept-language": language } : {}),
    "sec-fetch-dest": "document", ...internalRenderHeaders(),
  };
}

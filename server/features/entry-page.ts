import { getRequestHeader, setResponseHeaders, type H3Event } from "h3";
import { useNitroApp } from "nitropack/runtime";
import { SESSION_COOKIE } from "../utils/session";

const OTP_PATH = "/otp";
const NONCE = /'nonce-([A-Za-z0-9_-]+)'/;
// The script goes first in the document (SolidStart's pages start with it, without a <head> tag).
const CHARSET = /<meta charset="utf-8">/i;

/**
 * POST /entry from the landing page's form, answered with the OTP page itself instead of a 303 to
 * it: one round trip less on a slow phone (issue 22). The page is the UI's own /otp, rendered
 * for the new session; a line of script (with that page's nonce) puts /otp in the address bar,
 * which also turns the history entry into a GET: a reload asks for /otp and never re-posts the
 * link, and Back goes where it went after the 303. Only a document navigation gets the page; a
 * script, or a page that cannot be rendered here (workerd serves no UI), gets the 303.
 * Compression is safe as for /otp: no secret in the body (the number is masked, no CSRF token).
 */
export async function renderOtpPage(event: H3Event): Promise<string | undefined> {
  if (getRequestHeader(event, "sec-fetch-dest") !== "document") return undefined;
  const cookie = newSessionCookie(event);
  if (!cookie) return undefined;
  const page = await useNitroApp().localFetch(OTP_PATH, { headers: pageRequestHeaders(event, cookie) }).catch(() => undefined);
  const nonce = NONCE.exec(page?.headers.get("content-security-policy") ?? "")?.[1];
  if (!page || page.status !== 200 || !nonce || !page.headers.get("content-type")?.startsWith("text/html")) return undefined;
  const html = await page.text();
  setResponseHeaders(event, { "content-type": "text/html; charset=utf-8", "content-security-policy": page.headers.get("content-security-policy")!, "cache-control": "no-store" });
  const script = `<script nonce="${nonce}">history.replaceState(null,"","${OTP_PATH}")</script>`;
  return CHARSET.test(html) ? html.replace(CHARSET, (charset) => charset + script) : undefined;
}

/** `__Host-session=<id>` as just set on this response by createSession. */
function newSessionCookie(event: H3Event): string | undefined {
  const set = event.node.res.getHeader("set-cookie");
  const cookies = Array.isArray(set) ? set : typeof set === "string" ? [set] : [];
  return cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.startsWith(`${SESSION_COOKIE}=;`))?.split(";")[0];
}

/** What the page's language is chosen by (the `lang` cookie, Accept-Language), and the new session. */
function pageRequestHeaders(event: H3Event, sessionCookie: string): Record<string, string> {
  const others = (getRequestHeader(event, "cookie") ?? "").split(";").map((part) => part.trim())
    .filter((part) => part !== "" && !part.startsWith(`${SESSION_COOKIE}=`));
  const language = getRequestHeader(event, "accept-language");
  return { accept: "text/html", cookie: [...others, sessionCookie].join("; "), ...(language ? { "accept-language": language } : {}), "sec-fetch-dest": "document" };
}

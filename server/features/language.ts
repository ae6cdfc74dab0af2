import { appendResponseHeader, type H3Event } from "h3";
import { z } from "zod";
import { languageCookie, LANGUAGES, type Language } from "../shared/language";
import { readValidatedBody } from "../utils/body";
import { getSession } from "../utils/session";
import { rememberWebLanguage } from "./flows/language";

// A language and a page address: a few hundred bytes; the bound keeps a hostile body small.
const LANGUAGE_BODY_MAX_BYTES = 4096;
// A path on this site only: one leading "/", then only the characters of an encoded URL (RFC 3986:
// no backslash, which browsers read as "/", no space, quote, angle bracket or control character),
// at most 1,024 characters, and, checked apart, no "//" anywhere (`//host` is another site).
const SAME_ORIGIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@/?%]{0,1023}$/;

/** Where to send the browser back to: the page's own path and query, or home for anything else (never another site). */
export function safeBackPath(back: unknown): string {
  return typeof back === "string" && SAME_ORIGIN_PATH.test(back) && !back.includes("//") ? back : "/";
}

// `back` is never refused, only replaced: missing or unsafe, it is home.
const languageChoice = z.object({ lang: z.enum(LANGUAGES), back: z.unknown().optional().transform(safeBackPath) });

/** The language switch's form: a language we speak (else 400 bad_request) and a safe page to go back to. */
export function readLanguageChoice(event: H3Event): Promise<{ lang: Language; back: string }> {
  return readValidatedBody(event, languageChoice, { maxBytes: LANGUAGE_BODY_MAX_BYTES, refusal: "bad_request" });
}

/** The `lang` cookie exactly as the page's own switch writes it (server/shared/language.ts). */
export function rememberLanguage(event: H3Event, language: Language): void {
  appendResponseHeader(event, "set-cookie", languageCookie(language));
}

/**
 * A signed-in taxpayer's switch (an active session) is also the number's latest web choice, the language of
 * the WhatsApp Flows that leave it to the number; without one (no session, or the SMS code not yet entered) only the cookie.
 */
export async function rememberNumberLanguage(event: H3Event, language: Language): Promise<void> {
  const session = await getSession(event);
  if (session?.record.state === "active") await rememberWebLanguage(session.record.msisdn, language);
}

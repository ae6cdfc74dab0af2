// Shared with the UI: the one rule for which language a page or an error is in,
// used by the server's refusal pages and by the UI's pages alike.

export const LANGUAGES = ["en", "sw"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Only the choice is remembered, in this cookie; the UI's language switch writes it (in the page, or through POST /language). */
export const LANGUAGE_COOKIE = "lang";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** The cookie as the page's script writes it and POST /language sets it: one string, so the two cannot drift. */
export function languageCookie(language: Language): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; Secure`;
}
const REMEMBERED = new RegExp(`(?:^|;)\\s*${LANGUAGE_COOKIE}=(${LANGUAGES.join("|")})\\s*(?:;|$)`);

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

/** The remembered choice (the `lang` cookie), else Kiswahili when the browser asks for it first, else English. */
export function pickLanguage(cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Language {
  const remembered = REMEMBERED.exec(cookieHeader ?? "")?.[1];
  if (isLanguage(remembered)) return remembered;
  return /^sw\b/i.test(acceptLanguage ?? "") ? "sw" : "en";
}

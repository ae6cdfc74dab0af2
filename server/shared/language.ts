// Shared with the UI: the one rule for which language a page or an error is in,
// used by the server's refusal pages and by the UI's pages alike.

export const LANGUAGES = ["en", "sw"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Only the choice is remembered, in this cookie; the UI's language switch writes it. */
export const LANGUAGE_COOKIE = "lang";
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

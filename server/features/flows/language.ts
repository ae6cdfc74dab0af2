// A Flow's language: the token's, or (a token made without --lang) the number's last choice on the web pages,
// kept at each web entry (the `lang` cookie, else Accept-Language) and at each switch a signed-in taxpayer makes
// (POST /language), sealed under an HMAC of the number.
import type { H3Event } from "h3";
import { isLanguage, type Language } from "../../shared/language";
import { hashSubject, openText, sealText } from "../../utils/crypto";
import { useGateway } from "../../utils/gateway";
import { getRequestLanguage } from "../../utils/respond";

/** Kept as long as a taxpayer plausibly still reads it. */
const KEPT_SECONDS = 180 * 86_400;

async function keyOf(msisdn: string): Promise<string> {
  return `lang:${await hashSubject(useGateway().config.session.encryptionKeys, `language\n${msisdn}`)}`;
}

/** After a web entry or a signed-in switch: the page's language is the number's latest web choice. */
export async function rememberWebLanguage(msisdn: string, language: Language): Promise<void> {
  const { config, store } = useGateway();
  const key = await keyOf(msisdn);
  await store.savePreference(key, { v: 1, box: await sealText(config.session.encryptionKeys, language, key) }, KEPT_SECONDS);
}

/** At a web sign-in step (entry, the SMS code): the page's language, best effort (a store hiccup never refuses the step). */
export function rememberPageLanguage(event: H3Event, msisdn: string): Promise<void> {
  return rememberWebLanguage(msisdn, getRequestLanguage(event)).catch(() => {});
}

/** The token's language, or for `web` the number's last web choice, else English. */
export async function flowLanguage(chosen: Language | "web", msisdn: string): Promise<Language> {
  if (chosen !== "web") return chosen;
  const { config, store } = useGateway();
  const key = await keyOf(msisdn);
  const stored = await store.readPreference<{ v: number; box: string }>(key);
  const language = stored?.v === 1 ? await openText(config.session.encryptionKeys, stored.box, key) : null;
  return isLanguage(language) ? language : "en";
}

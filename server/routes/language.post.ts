import { defineEventHandler, sendNoContent, sendRedirect } from "h3";
import { readLanguageChoice, rememberLanguage, rememberNumberLanguage } from "../features/language";
import { wantsJson } from "../utils/respond";

/**
 * POST /language: the language switch. A plain form post (a tap before the page's script has arrived, or
 * without it) is sent back to the page it came from (a path on this site only); the hydrated switch's
 * script call gets 204. Remembers the choice in the `lang` cookie and, for a signed-in taxpayer, for the
 * number's WhatsApp Flows. No session needed; the CSRF check applies as to every POST.
 */
export default defineEventHandler(async (event) => {
  const { lang, back } = await readLanguageChoice(event);
  rememberLanguage(event, lang);
  // Best effort, as at entry: the page's language is the cookie's, and a store hiccup must not refuse the switch.
  await rememberNumberLanguage(event, lang).catch(() => {});
  if (wantsJson(event)) return sendNoContent(event, 204);
  return sendRedirect(event, back, 303);
});

import { defineEventHandler, sendRedirect } from "h3";
import { readLanguageChoice, rememberLanguage } from "../features/language";

/**
 * POST /language: the language switch's form, for a tap before the page's script has arrived (or
 * without it). Remembers the choice in the `lang` cookie and sends the browser back to the page it
 * came from (a path on this site only). No session needed; the CSRF check applies as to every POST.
 */
export default defineEventHandler(async (event) => {
  const { lang, back } = await readLanguageChoice(event);
  rememberLanguage(event, lang);
  return sendRedirect(event, back, 303);
});

import { getRequestHeader, type H3Event } from "h3";
import { pickLanguage, type Language } from "../shared/language";

/** A script's fetch asks for JSON; a plain HTML form post does not and gets redirects and pages. */
export function wantsJson(event: H3Event): boolean {
  const accept = getRequestHeader(event, "accept") ?? "";
  const type = getRequestHeader(event, "content-type") ?? "";
  return accept.includes("application/json") || type.startsWith("application/json");
}

/** The language the taxpayer reads the pages in (server/shared/language.ts: the `lang` cookie, else Accept-Language). */
export function getRequestLanguage(event: H3Event): Language {
  return pickLanguage(getRequestHeader(event, "cookie"), getRequestHeader(event, "accept-language"));
}

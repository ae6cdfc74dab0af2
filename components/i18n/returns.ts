import type { Language } from "../../server/shared/language";
import { useI18n, type MessageKey } from "./index";
import { returnsEn, type ReturnsKey } from "./returns-en";
import { returnsSw } from "./returns-sw";

export type { ReturnsKey };
const catalogs: Record<Language, Record<ReturnsKey, string>> = { en: returnsEn, sw: returnsSw };

export type ReturnsTranslate = (key: MessageKey | ReturnsKey, params?: Record<string, string | number>) => string;

/** The app's translator plus the returns pages' own catalogue (kept out of the first page's bundle). */
export function useReturnsText(): ReturnsTranslate {
  const { t, language } = useI18n();
  return (key, params = {}) => {
    if (!Object.hasOwn(returnsEn, key)) return t(key as MessageKey, params);
    return catalogs[language()][key as ReturnsKey].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
  };
}

/** An obligation by the gateway's own name for its id (both languages); the upstream's name only for an id it does not know. */
export function obligationName(t: ReturnsTranslate, obligation: { id: string; name: string }): string {
  const key = `obligation.${obligation.id}`;
  return Object.hasOwn(returnsEn, key) ? t(key as ReturnsKey) : obligation.name;
}

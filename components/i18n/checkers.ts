import type { Language } from "../../server/shared/language";
import { useI18n, type MessageKey } from "./index";
import { checkersEn, type CheckersKey } from "./checkers-en";
import { checkersSw } from "./checkers-sw";

export type { CheckersKey };
const catalogs: Record<Language, Record<CheckersKey, string>> = { en: checkersEn, sw: checkersSw };

export type CheckersTranslate = (key: MessageKey | CheckersKey, params?: Record<string, string | number>) => string;

/** The app's translator plus the checkers pages' own catalogue (kept out of the first page's bundle). */
export function useCheckersText(): CheckersTranslate {
  const { t, language } = useI18n();
  return (key, params = {}) => {
    if (!Object.hasOwn(checkersEn, key)) return t(key as MessageKey, params);
    return catalogs[language()][key as CheckersKey].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
  };
}

import type { Language } from "../../server/shared/language";
import { useReturnsText } from "./returns";
import { returnsFormsEn, type ReturnsFormKey } from "./returns-forms-en";
import { returnsFormsSw } from "./returns-forms-sw";
import { useI18n, type MessageKey } from "./index";
import type { ReturnsKey } from "./returns-en";

export type { ReturnsFormKey };
const catalogs: Record<Language, Record<ReturnsFormKey, string>> = { en: returnsFormsEn, sw: returnsFormsSw };

export type ReturnsFormTranslate = (key: MessageKey | ReturnsKey | ReturnsFormKey, params?: Record<string, string | number>) => string;

/** The returns translator plus the forms' own catalogue, which the returns page itself does not load. */
export function useReturnsFormText(): ReturnsFormTranslate {
  const { language } = useI18n();
  const returnsText = useReturnsText();
  return (key, params = {}) => {
    if (!Object.hasOwn(returnsFormsEn, key)) return returnsText(key as MessageKey | ReturnsKey, params);
    return catalogs[language()][key as ReturnsFormKey].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
  };
}

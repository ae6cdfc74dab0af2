import type { Language } from "../../server/shared/language";
import { useI18n, type MessageKey } from "./index";
import { signupEn, type SignupKey } from "./signup-en";
import { signupSw } from "./signup-sw";

export type { SignupKey };
const catalogs: Record<Language, Record<SignupKey, string>> = { en: signupEn, sw: signupSw };

export type SignupTranslate = (key: MessageKey | SignupKey, params?: Record<string, string | number>) => string;

/** The app's translator plus the sign-up pages' own catalogue. */
export function useSignupText(): SignupTranslate {
  const { t, language } = useI18n();
  return (key, params = {}) => {
    if (!Object.hasOwn(signupEn, key)) return t(key as MessageKey, params);
    return catalogs[language()][key as SignupKey].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
  };
}

import { createContext, createSignal, useContext, type Accessor, type JSX } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { isLanguage, languageCookie, pickLanguage, type Language } from "../../server/shared/language";
import { en, type MessageKey as AppKey } from "./en";
import type { NoticeKey } from "./notices-en";
import { sw } from "./sw";

/** The app's keys, and those of catalogues the pages that need them register (components/i18n/notices.ts). */
export type MessageKey = AppKey | NoticeKey;
export type { Language };
const catalogs: Record<Language, Record<string, string>> = { en: { ...en }, sw: { ...sw } };

/** Adds a page group's texts to the app's translator (both languages, same keys). */
export function registerCatalog(extra: Record<Language, Record<string, string>>): void {
  Object.assign(catalogs.en, extra.en);
  Object.assign(catalogs.sw, extra.sw);
}

/** Whether a key's text is loaded (a registered catalogue's keys are not on the first page). */
export const hasMessage = (key: MessageKey): boolean => Object.hasOwn(catalogs.en, key);

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
interface I18n {
  language: Accessor<Language>;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n>();

/** On the server the shared rule (the `lang` cookie, else Accept-Language); in the browser what the server chose. */
export function requestLanguage(): Language {
  if (!isServer) return isLanguage(document.documentElement.lang) ? document.documentElement.lang : "en";
  const headers = getRequestEvent()?.request.headers;
  return pickLanguage(headers?.get("cookie"), headers?.get("accept-language"));
}

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return (catalogs[language][key] ?? catalogs.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

export function I18nProvider(props: { children: JSX.Element }) {
  const [language, setSignal] = createSignal<Language>(requestLanguage());
  const setLanguage = (next: Language) => {
    document.cookie = languageCookie(next);
    document.documentElement.lang = next;
    setSignal(next);
  };
  const t: Translate = (key, params) => translate(language(), key, params);
  return <I18nContext.Provider value={{ language, setLanguage, t }}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}

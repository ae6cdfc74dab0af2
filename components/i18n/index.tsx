import { createContext, createSignal, useContext, type Accessor, type JSX } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { en, type MessageKey } from "./en";
import { sw } from "./sw";

export type Language = "en" | "sw";
export type { MessageKey };
const catalogs: Record<Language, Record<MessageKey, string>> = { en, sw };
const LANGUAGE_COOKIE = "lang";
const ONE_YEAR = 60 * 60 * 24 * 365;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
interface I18n {
  language: Accessor<Language>;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n>();

/** The remembered choice (the `lang` cookie), else the browser's Accept-Language. */
export function requestLanguage(): Language {
  if (!isServer) return document.documentElement.lang === "sw" ? "sw" : "en";
  const headers = getRequestEvent()?.request.headers;
  const cookie = /(?:^|;\s*)lang=(en|sw)(?:;|$)/.exec(headers?.get("cookie") ?? "")?.[1];
  if (cookie) return cookie as Language;
  return /^sw\b/i.test(headers?.get("accept-language") ?? "") ? "sw" : "en";
}

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

export function I18nProvider(props: { children: JSX.Element }) {
  const [language, setSignal] = createSignal<Language>(requestLanguage());
  const setLanguage = (next: Language) => {
    document.cookie = `${LANGUAGE_COOKIE}=${next}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax; Secure`;
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

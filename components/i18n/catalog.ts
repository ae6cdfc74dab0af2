import type { Language } from "../../server/shared/language";
import { useI18n, type MessageKey } from "./index";

export type CatalogTranslate<K extends string> = (key: MessageKey | K, params?: Record<string, string | number>) => string;

/** The app's translator plus a page group's own catalogue, which only those pages load (not the first page). */
export function useCatalogText<K extends string>(catalogs: Record<Language, Record<K, string>>): CatalogTranslate<K> {
  const { t, language } = useI18n();
  return (key, params = {}) => {
    if (!Object.hasOwn(catalogs.en, key)) return t(key as MessageKey, params);
    return catalogs[language()][key as K].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
  };
}

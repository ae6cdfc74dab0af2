import type { Language } from "../../server/shared/language";
import { useCatalogText, type CatalogTranslate } from "./catalog";
import { returnsEn, type ReturnsKey } from "./returns-en";
import { returnsSw } from "./returns-sw";

export type { ReturnsKey };

/** The returns and payments pages' text (components/i18n/returns-*.ts) over the app's own; kept out of the first page's bundle. */
export const useReturnsText = () => useCatalogText<ReturnsKey>({ en: returnsEn, sw: returnsSw });

/** A form's first step: the returns text plus that form's own (components/i18n/form-*.ts), not its later steps' (returns-forms.ts). */
export function useFormText<K extends string>(form: Record<Language, Record<K, string>>): CatalogTranslate<ReturnsKey | K> {
  return useCatalogText<ReturnsKey | K>({ en: { ...returnsEn, ...form.en }, sw: { ...returnsSw, ...form.sw } });
}

import { etimsEn, type EtimsKey } from "./etims-en";
import { etimsSw } from "./etims-sw";
import { useCatalogText } from "./catalog";

export type { EtimsKey };

/** The buyer-initiated and credit-note pages' text (components/i18n/etims-*.ts) over the app's own. */
export const useEtimsText = () => useCatalogText<EtimsKey>({ en: etimsEn, sw: etimsSw });

import { bulkEn, type BulkKey } from "./bulk-en";
import { bulkSw } from "./bulk-sw";
import { useCatalogText } from "./catalog";

/** The bulk decision's text (components/i18n/bulk-*.ts) over the app's own. */
export const useBulkText = () => useCatalogText<BulkKey>({ en: bulkEn, sw: bulkSw });

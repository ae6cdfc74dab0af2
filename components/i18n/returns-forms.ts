import { useCatalogText } from "./catalog";
import { returnsEn, type ReturnsKey } from "./returns-en";
import { returnsFormsEn, type ReturnsFormKey } from "./returns-forms-en";
import { returnsFormsSw } from "./returns-forms-sw";
import { returnsSw } from "./returns-sw";

export type { ReturnsFormKey };
const catalogs = { en: { ...returnsEn, ...returnsFormsEn }, sw: { ...returnsSw, ...returnsFormsSw } };

/** The returns text plus the forms' own catalogue (components/i18n/returns-forms-*.ts), which the returns page itself does not load. */
export const useReturnsFormText = () => useCatalogText<ReturnsKey | ReturnsFormKey>(catalogs);

import { itrEn, type ItrKey } from "./itr-en";
import { itrSw } from "./itr-sw";
import { useCatalogText } from "./catalog";

export type { ItrKey };

/** The income tax return pages' text (components/i18n/itr-*.ts) over the app's own: loaded with the steps after the first. */
export const useItrText = () => useCatalogText<ItrKey>({ en: itrEn, sw: itrSw });

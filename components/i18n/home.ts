import { homeEn, type HomeKey } from "./home-en";
import { homeSw } from "./home-sw";
import { useCatalogText } from "./catalog";

export type { HomeKey };

/** The landing and home pages' text (components/i18n/home-*.ts) over the app's own. */
export const useHomeText = () => useCatalogText<HomeKey>({ en: homeEn, sw: homeSw });

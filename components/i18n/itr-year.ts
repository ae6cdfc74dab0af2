import { itrYearEn, type ItrYearKey } from "./itr-year-en";
import { itrYearSw } from "./itr-year-sw";
import { useCatalogText } from "./catalog";

/** The ITR page's first step's text (part of the ITR catalogue, itr-year-*.ts): all the page's first scripts hold of it. */
export const useItrYearText = () => useCatalogText<ItrYearKey>({ en: itrYearEn, sw: itrYearSw });

import { checkersEn, type CheckersKey } from "./checkers-en";
import { checkersSw } from "./checkers-sw";
import { useCatalogText } from "./catalog";

export type { CheckersKey };

/** The checkers and TCC pages' text (components/i18n/checkers-*.ts) over the app's own. */
export const useCheckersText = () => useCatalogText<CheckersKey>({ en: checkersEn, sw: checkersSw });

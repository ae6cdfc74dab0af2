import type * as Readers from "../../server/shared/returns-read";

type ReaderName = "readFiling" | "readCalculation" | "readObligations" | "readPeriod" | "readLiabilities" | "readProperties" | "readPrn" | "readPayment";

/** The readers' code, for a page that fetches it ahead of its first call (components/lib/on-demand.tsx's preloadSoon). */
export const returnsReaders = { preload: () => import("../../server/shared/returns-read") };

/**
 * A returns reader (server/shared/returns-read.ts), loaded beside the call that needs it, not with the page:
 * the returns and payments pages' first scripts stay within their budgets (issue 22, tests/ui/budgets.test.ts).
 */
export function loadReader<K extends ReaderName>(name: K): Promise<(typeof Readers)[K]> {
  return returnsReaders.preload().then((readers) => readers[name]);
}

import { useCatalogText } from "./catalog";
import { obligationsEn, type ObligationKey } from "./obligations-en";
import { obligationsSw } from "./obligations-sw";

/** An obligation by the gateway's own name for its id (both languages); the upstream's name only for an id it does not know. */
export function useObligationName(): (obligation: { id: string; name: string }) => string {
  const t = useCatalogText<ObligationKey>({ en: obligationsEn, sw: obligationsSw });
  return (obligation) => {
    const key = `obligation.${obligation.id}`;
    return Object.hasOwn(obligationsEn, key) ? t(key as ObligationKey) : obligation.name;
  };
}

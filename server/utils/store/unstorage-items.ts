import type { Storage } from "unstorage";
import type { StoreBackend } from "./types";

/** The plain item operations of a backend, on its unstorage instance. */
export function itemsOf(storage: Storage): Pick<StoreBackend, "getItem" | "setItem" | "removeItem"> {
  return {
    getItem: (key) => storage.getItem(key) as Promise<never>,
    setItem: (key, value, ttl) => storage.setItem(key, value as string, { ttl }),
    removeItem: (key) => storage.removeItem(key),
  };
}

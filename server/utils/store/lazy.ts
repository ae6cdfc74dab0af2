import type { StoreBackend } from "./types";

/** A backend whose driver (and its client library) loads on first use, not at start. */
export function lazyBackend(kind: StoreBackend["kind"], load: () => Promise<StoreBackend>): StoreBackend {
  let loaded: Promise<StoreBackend> | undefined;
  const backend = () => (loaded ??= load());
  return {
    kind,
    getItem: async (key) => (await backend()).getItem(key),
    setItem: async (key, value, ttl) => (await backend()).setItem(key, value, ttl),
    removeItem: async (key) => (await backend()).removeItem(key),
    updateItem: async (key, value, ttl) => (await backend()).updateItem(key, value, ttl),
    claimNonce: async (nonce, ttl) => (await backend()).claimNonce(nonce, ttl),
    releaseNonce: async (nonce) => (await backend()).releaseNonce(nonce),
    incrementCounter: async (key, ttl, by) => (await backend()).incrementCounter(key, ttl, by),
    readCounter: async (key) => (await backend()).readCounter(key),
    ping: async () => (await backend()).ping(),
    dispose: async () => {
      if (loaded) await (await loaded).dispose();
    },
  };
}

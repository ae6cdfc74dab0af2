import type { StoreBackend } from "./contract";

/** A backend whose driver (and its client library) loads on first use, not at start. */
export function lazyBackend(load: () => Promise<StoreBackend>): StoreBackend {
  let loaded: Promise<StoreBackend> | undefined;
  const backend = () => (loaded ??= load());
  return {
    getItem: async (key) => (await backend()).getItem(key),
    setItem: async (key, value, ttl) => (await backend()).setItem(key, value, ttl),
    removeItem: async (key) => (await backend()).removeItem(key),
    updateItem: async (key, value, ttl) => (await backend()).updateItem(key, value, ttl),
    claimNonce: async (nonce, ttl) => (await backend()).claimNonce(nonce, ttl),
    releaseNonce: async (nonce) => (await backend()).releaseNonce(nonce),
    incrementCounter: async (key, ttl, by) => (await backend()).incrementCounter(key, ttl, by),
    readCounter: async (key) => (await backend()).readCounter(key),
    addToIndex: async (index, member, ttl) => (await backend()).addToIndex(index, member, ttl),
    removeFromIndex: async (index, member) => (await backend()).removeFromIndex(index, member),
    removeIndexed: async (index, itemPrefix) => (await backend()).removeIndexed(index, itemPrefix),
    ping: async () => (await backend()).ping(),
    dispose: async () => {
      if (loaded) await (await loaded).dispose();
    },
  };
}

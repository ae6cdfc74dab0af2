import { createStorage } from "unstorage";
import kvDriver from "unstorage/drivers/cloudflare-kv-binding";
import { RuntimeFailure } from "../contract";
import type { StoreBackend } from "./contract";

const KV_MIN_TTL = 60;

/** What the gateway calls on a GatewayCounter Durable Object (server/runtime/counter-object.ts), over RPC. */
interface CounterStub {
  increment(ttlSeconds: number, by?: number): Promise<number>;
  read(): Promise<number>;
  claim(ttlSeconds: number): Promise<boolean>;
  release(): Promise<void>;
}
export interface CounterNamespace {
  idFromName(name: string): unknown;
  get(id: never): CounterStub;
}

interface KvBindings {
  /** The KV namespace's binding name on workerd, or the namespace itself (tests hold one from Miniflare). */
  sessions: string | object;
  /** The GatewayCounter Durable Object namespace: its binding name, or the namespace itself. */
  counters: string | CounterNamespace;
}

/**
 * Sessions in Workers KV; nonces and counters in Durable Objects, one object per
 * key. KV has no compare-and-set (two concurrent read-then-writes both win), so
 * a limit kept in KV is no limit; a Durable Object runs one call at a time.
 */
export function createKvBackend(bindings: KvBindings, prefix: string): StoreBackend {
  const sessions = resolveBinding(bindings.sessions, "NITRO_SESSION_STORAGE: no KV namespace binding named");
  const namespace = resolveBinding(bindings.counters, COUNTERS_MISSING) as CounterNamespace;
  const storage = createStorage({ driver: kvDriver({ binding: sessions, base: prefix, minTTL: KV_MIN_TTL }) });
  const counter = (key: string) => namespace.get(namespace.idFromName(`${prefix}:${key}`) as never);
  const ttlOf = (ttl: number) => Math.max(ttl, KV_MIN_TTL);
  return {
    getItem: (key) => storage.getItem(key) as Promise<never>,
    setItem: (key, value, ttl) => storage.setItem(key, value as string, { ttl }),
    removeItem: (key) => storage.removeItem(key),
    /** Best effort on KV, which has no conditional write (and propagates deletes within about 60 s anyway). */
    async updateItem(key, value, ttl) {
      if (!(await storage.hasItem(key))) return false;
      await storage.setItem(key, value as string, { ttl: ttlOf(ttl) });
      return true;
    },
    claimNonce: (nonce, ttl) => counter(`n:${nonce}`).claim(ttl),
    releaseNonce: (nonce) => counter(`n:${nonce}`).release(),
    incrementCounter: (key, ttl, by = 1) => counter(`r:${key}`).increment(ttl, by),
    readCounter: (key) => counter(`r:${key}`).read(),
    // One KV key per member: a rotation adds the new session and removes the old one without writing one
    // key twice within a second (Workers KV allows one write per key per second). Listing is eventually
    // consistent: the index serves only revocation, an admin call workerd does not have.
    addToIndex: (index, member, ttl) => storage.setItem(`i:${index}:${member}`, "1", { ttl: ttlOf(ttl) }),
    removeFromIndex: (index, member) => storage.removeItem(`i:${index}:${member}`),
    async removeIndexed(index, itemPrefix) {
      const entries = await storage.getKeys(`i:${index}:`);
      const members = entries.map((entry) => entry.slice(`i:${index}:`.length));
      const present = await Promise.all(members.map((member) => storage.hasItem(itemPrefix + member)));
      await Promise.all(members.map((member) => storage.removeItem(itemPrefix + member)));
      await Promise.all(entries.map((entry) => storage.removeItem(entry)));
      return present.filter(Boolean).length;
    },
    ping: async () => void (await Promise.all([storage.hasItem("ping"), counter("ping").read()])),
    dispose: () => storage.dispose(),
  };
}

const COUNTERS_MISSING = "NITRO_COUNTER_DURABLE_OBJECT: kv: storage keeps nonces and counters in a Durable Object "
  + "(Workers KV cannot count atomically), and there is no Durable Object binding named";

/** A binding named in the configuration must exist when the worker starts, or the gateway refuses to serve (503). */
function resolveBinding(binding: string | object, missing: string): object {
  if (typeof binding !== "string") return binding;
  const found = (globalThis as { __env__?: Record<string, unknown> }).__env__?.[binding];
  if (found && typeof found === "object") return found;
  throw new RuntimeFailure("misconfigured", `${missing} ${binding}`);
}

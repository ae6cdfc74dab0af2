import { createStorage } from "unstorage";
import kvDriver from "unstorage/drivers/cloudflare-kv-binding";
import { RuntimeFailure, type StoreBackend } from "./contract";

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
    // Best effort on KV (read, change, write): the index only serves revocation, an admin call workerd does not have.
    async addToIndex(index, member, ttl) {
      const members = await readIndex(storage, index);
      members[member] = Date.now() + ttl * 1000;
      await writeIndex(storage, index, members);
    },
    async removeFromIndex(index, member) {
      const members = await readIndex(storage, index);
      delete members[member];
      await writeIndex(storage, index, members);
    },
    async removeIndexed(index, itemPrefix) {
      const members = Object.keys(await readIndex(storage, index));
      const present = await Promise.all(members.map((member) => storage.hasItem(itemPrefix + member)));
      await Promise.all(members.map((member) => storage.removeItem(itemPrefix + member)));
      await storage.removeItem(`i:${index}`);
      return present.filter(Boolean).length;
    },
    ping: async () => void (await Promise.all([storage.hasItem("ping"), counter("ping").read()])),
    dispose: () => storage.dispose(),
  };
}

type IndexMembers = Record<string, number>;
type KvStorage = ReturnType<typeof createStorage>;

/** The live members of an index (member → expiry in ms). */
async function readIndex(storage: KvStorage, index: string): Promise<IndexMembers> {
  const stored = ((await storage.getItem(`i:${index}`)) ?? {}) as IndexMembers;
  const now = Date.now();
  return Object.fromEntries(Object.entries(stored).filter(([, expiresAt]) => expiresAt > now));
}

async function writeIndex(storage: KvStorage, index: string, members: IndexMembers): Promise<void> {
  const latest = Math.max(0, ...Object.values(members));
  if (latest === 0) return storage.removeItem(`i:${index}`);
  await storage.setItem(`i:${index}`, members as never, { ttl: Math.max(KV_MIN_TTL, Math.ceil((latest - Date.now()) / 1000)) });
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

import type { Driver, StorageValue } from "unstorage";
import type { StoreBackend } from "./contract";

/**
 * One process only. Sessions, nonces and counters get separate bounds so one
 * cannot evict another. Sessions evict the least recently used; the side tables
 * (`sideTableMax` each, by default twice the session bound) never drop a live
 * nonce or counter: when full of unexpired entries, writes throw StoreFullError
 * (the gateway store answers 503 and logs it).
 */
export function createMemoryBackend(maxSessions: number, sideTableMax = maxSessions * 2): StoreBackend {
  const sessions = boundedMemoryDriver({ table: "sessions", max: maxSessions, whenFull: "evict" });
  const nonces = boundedMemoryDriver({ table: "nonces", max: sideTableMax, whenFull: "refuse" });
  const counters = boundedMemoryDriver({ table: "counters", max: sideTableMax, whenFull: "refuse" });
  // Sessions are read on every request: straight from the driver (unstorage's key normalisation
  // and destr cost more than the read; the gateway's keys are already plain), as a frozen copy
  // made at write time, so a read neither parses nor shares anything a caller could change.
  const indexes = memoryIndexes(sideTableMax);
  return {
    getItem: async <T>(key: string) => (sessions.getItem(key) ?? null) as T | null,
    setItem: async (key, value, ttl) => sessions.setItem(key, frozenCopy(value), { ttl }),
    removeItem: async (key) => sessions.removeItem(key),
    updateItem: async (key, value, ttl) => sessions.update(key, frozenCopy(value), ttl),
    claimNonce: async (nonce, ttl) => nonces.claim(nonce, ttl),
    releaseNonce: async (nonce) => nonces.removeItem(nonce),
    incrementCounter: async (key, ttl, by) => counters.increment(key, ttl, by),
    readCounter: async (key) => counters.count(key),
    addToIndex: async (index, member, ttl) => indexes.add(index, member, ttl),
    removeFromIndex: async (index, member) => void indexes.members(index)?.delete(member),
    async removeIndexed(index, itemPrefix) {
      let removed = 0;
      for (const member of indexes.take(index)) {
        if (sessions.hasItem(itemPrefix + member, {})) removed++;
        sessions.removeItem(itemPrefix + member);
      }
      return removed;
    },
    ping: async () => {},
    dispose: async () => sessions.dispose(),
  };
}

/** Sets of members by index, each expiring with its newest member; at most `max` sets (then refused, like nonces). */
function memoryIndexes(max: number) {
  const sets = new Map<string, { members: Set<string>; expiresAt: number }>();
  const live = (index: string) => {
    const entry = sets.get(index);
    if (entry && entry.expiresAt <= Date.now()) sets.delete(index);
    return sets.get(index);
  };
  return {
    members: (index: string) => live(index)?.members,
    add(index: string, member: string, ttl: number): void {
      const expiresAt = Date.now() + ttl * 1000;
      const entry = live(index);
      if (entry) {
        entry.members.add(member);
        entry.expiresAt = Math.max(entry.expiresAt, expiresAt);
        return;
      }
      if (sets.size >= max) for (const key of sets.keys()) live(key);
      if (sets.size >= max) throw new StoreFullError("indexes", max);
      sets.set(index, { members: new Set([member]), expiresAt });
    },
    take(index: string): string[] {
      const members = [...(live(index)?.members ?? [])];
      sets.delete(index);
      return members;
    },
  };
}

/** What a remote store would give back (plain JSON data), deeply frozen. */
function frozenCopy(value: unknown): StorageValue {
  return deepFreeze(JSON.parse(JSON.stringify(value)) as unknown) as StorageValue;
}

function deepFreeze(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

interface BoundedMemoryOptions {
  /** Names the table in a StoreFullError (never a key). */
  table: string;
  max: number;
  /** What a write does to a full table: `evict` the least recently used entry, or `refuse` (throw StoreFullError). */
  whenFull: "evict" | "refuse";
}
interface Entry { value: unknown; expiresAt: number }

/** A `refuse` table is full of unexpired entries. */
export class StoreFullError extends Error {
  constructor(readonly table: string, readonly max: number) {
    super(`memory store table ${table} full`);
    this.name = "StoreFullError";
  }
}

const SWEEP_INTERVAL_MS = 1000;

/**
 * An unstorage driver for one process: a Map kept in least-recently-used order,
 * with per-item TTL and a hard bound on entries, so a flood cannot exhaust memory.
 * Sessions evict the oldest idle entry; nonces and counters must never lose a live
 * entry, so a full table first sweeps expired entries and otherwise refuses.
 * `claim`, `increment` and `update` are atomic here because they never await.
 */
interface BoundedMemoryDriver extends Driver<BoundedMemoryOptions, Map<string, Entry>> {
  getItem(key: string): StorageValue;
  setItem(key: string, value: StorageValue, opts?: { ttl?: number }): void;
  removeItem(key: string): void;
  dispose(): void;
  claim(key: string, ttlSeconds: number): boolean;
  increment(key: string, ttlSeconds: number, by?: number): number;
  count(key: string): number;
  update(key: string, value: StorageValue, ttlSeconds: number): boolean;
}

function boundedMemoryDriver(options: BoundedMemoryOptions): BoundedMemoryDriver {
  const entries = new Map<string, Entry>();
  const expiresAt = (ttl?: number) => (ttl ? Date.now() + ttl * 1000 : Infinity);
  let lastSweep = 0;

  function read(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    entries.set(key, entry);
    return entry;
  }

  function makeRoom(): void {
    if (options.whenFull === "evict") return void entries.delete(entries.keys().next().value!);
    const now = Date.now();
    if (now - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = now;
      for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    }
    if (entries.size >= options.max) throw new StoreFullError(options.table, options.max);
  }

  function write(key: string, value: unknown, ttl?: number) {
    const existed = entries.delete(key);
    if (!existed && entries.size >= options.max) makeRoom();
    entries.set(key, { value, expiresAt: expiresAt(ttl) });
  }

  return {
    name: "bounded-memory",
    options,
    getInstance: () => entries,
    hasItem: (key: string) => read(key) !== undefined,
    getItem: (key: string) => read(key)?.value ?? null,
    setItem: (key: string, value: StorageValue, opts?: { ttl?: number }) => write(key, value, opts?.ttl),
    removeItem: (key: string) => void entries.delete(key),
    getKeys: () => [...entries.keys()].filter((key) => read(key) !== undefined),
    clear: () => entries.clear(),
    dispose: () => entries.clear(),
    claim(key: string, ttl: number): boolean {
      if (read(key) !== undefined) return false;
      write(key, "1", ttl);
      return true;
    },
    increment(key: string, ttl: number, by = 1): number {
      const entry = read(key);
      const count = Number(entry?.value ?? 0) + by;
      if (entry) entry.value = String(count);
      else write(key, String(count), ttl);
      return count;
    },
    count: (key: string) => Number(read(key)?.value ?? 0),
    update(key: string, value: StorageValue, ttl: number): boolean {
      if (read(key) === undefined) return false;
      write(key, value, ttl);
      return true;
    },
  };
}

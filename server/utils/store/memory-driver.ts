import type { Driver } from "unstorage";

export interface BoundedMemoryOptions { max: number }
interface Entry { value: unknown; expiresAt: number }

/**
 * An unstorage driver for one process: a Map kept in least-recently-used order,
 * with per-item TTL and a hard bound on entries (the oldest idle entry is evicted),
 * so a flood of sessions cannot exhaust memory. `claim` and `increment` are atomic
 * here because they never await.
 */
export interface BoundedMemoryDriver extends Driver<BoundedMemoryOptions, Map<string, Entry>> {
  removeItem(key: string): void;
  claim(key: string, ttlSeconds: number): boolean;
  increment(key: string, ttlSeconds: number): number;
}

export function boundedMemoryDriver(options: BoundedMemoryOptions): BoundedMemoryDriver {
  const entries = new Map<string, Entry>();
  const expiresAt = (ttl?: number) => (ttl ? Date.now() + ttl * 1000 : Infinity);

  function read(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    entries.set(key, entry);
    return entry;
  }

  function write(key: string, value: unknown, ttl?: number) {
    entries.delete(key);
    entries.set(key, { value, expiresAt: expiresAt(ttl) });
    if (entries.size > options.max) entries.delete(entries.keys().next().value!);
  }

  return {
    name: "bounded-memory",
    options,
    getInstance: () => entries,
    hasItem: (key: string) => read(key) !== undefined,
    getItem: (key: string) => read(key)?.value ?? null,
    setItem: (key: string, value: string, opts?: { ttl?: number }) => write(key, value, opts?.ttl),
    removeItem: (key: string) => void entries.delete(key),
    getKeys: () => [...entries.keys()].filter((key) => read(key) !== undefined),
    clear: () => entries.clear(),
    dispose: () => entries.clear(),
    claim(key: string, ttl: number): boolean {
      if (read(key) !== undefined) return false;
      write(key, "1", ttl);
      return true;
    },
    increment(key: string, ttl: number): number {
      const entry = read(key);
      const count = Number(entry?.value ?? 0) + 1;
      if (entry) entry.value = String(count);
      else write(key, String(count), ttl);
      return count;
    },
  };
}

import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreBackend } from "../../server/runtime/stores/contract";
import { createKvBackend, type CounterNamespace } from "../../server/runtime/stores/kv";
import { createRedisBackend } from "../../server/runtime/stores/redis";
import { createGatewayStore, type GatewayStore } from "../../server/utils/store";
import { createMemoryBackend } from "../../server/runtime/stores/memory";
import { freePort } from "../support/gateway";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DriverUnderTest {
  name: string;
  /** Backends whose session TTLs can be shorter than a minute (Workers KV's minimum is 60 s). */
  shortTtl: boolean;
  open(): Promise<{ backend: StoreBackend; close(): Promise<void> }>;
}

let miniflare: Miniflare | undefined;
const redisPrefix = `contract-${randomBytes(4).toString("hex")}`;

const drivers: DriverUnderTest[] = [
  { name: "bounded memory", shortTtl: true, open: async () => ({ backend: createMemoryBackend(1000), close: async () => {} }) },
  {
    name: "redis", shortTtl: true,
    open: async () => {
      const backend = createRedisBackend("redis://127.0.0.1:6379/0", redisPrefix, 2000);
      return { backend, close: () => cleanRedis(backend) };
    },
  },
  {
    name: "Cloudflare KV + GatewayCounter Durable Object (Miniflare)", shortTtl: false,
    open: async () => {
      miniflare ??= await startKvMiniflare();
      const sessions = await miniflare.getKVNamespace("SESSIONS");
      const counters = (await miniflare.getDurableObjectNamespace("COUNTERS")) as unknown as CounterNamespace;
      return { backend: createKvBackend({ sessions, counters }, `contract-${randomBytes(4).toString("hex")}`), close: async () => {} };
    },
  },
];

/** The worker build's own Durable Object class, bundled on its own, in a Miniflare with a KV namespace. */
async function startKvMiniflare(): Promise<Miniflare> {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL("../../server/runtime/counter-object.ts", import.meta.url))],
    bundle: true, format: "esm", platform: "neutral", write: false, external: ["cloudflare:*"],
  });
  return new Miniflare({
    modules: true,
    script: `${bundled.outputFiles[0].text}\nexport default { fetch: () => new Response("") };`,
    compatibilityDate: "2024-12-01",
    kvNamespaces: ["SESSIONS"],
    durableObjects: { COUNTERS: "GatewayCounter" },
  });
}

async function cleanRedis(backend: StoreBackend): Promise<void> {
  const client = (await import("ioredis")).default;
  const redis = new client("redis://127.0.0.1:6379/0");
  const leftover = await redis.keys(`${redisPrefix}:*`);
  if (leftover.length) await redis.del(...leftover);
  redis.disconnect();
  await backend.dispose();
}

afterAll(async () => {
  await miniflare?.dispose();
});

// One contract, every driver the gateway can run on (unstorage's own drivers are tested the same way).
describe.each(drivers)("session store contract: $name", (driver) => {
  let store: GatewayStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await driver.open();
    store = createGatewayStore(opened.backend);
    close = opened.close;
  });
  afterAll(() => close?.());

  const key = () => randomBytes(16).toString("base64url");

  it("answers a ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("stores, reads and deletes a session record as an object", async () => {
    const id = key();
    expect(await store.getSession(id)).toBeNull();
    const record = { msisdn: "254700000001", state: "active", createdAt: 1, lastSeenAt: 2, token: "t.o.k" };
    await store.saveSession(id, record, 120);
    expect(await store.getSession(id)).toEqual(record);
    await store.saveSession(id, { ...record, lastSeenAt: 3 }, 120);
    expect(await store.getSession<typeof record>(id)).toMatchObject({ lastSeenAt: 3 });
    await store.deleteSession(id);
    expect(await store.getSession(id)).toBeNull();
  });

  it("keeps what was written: changing the written object or a read one changes nothing stored", async () => {
    const id = key();
    const record = { v: 1, box: "sealed", nested: { lastSeenAt: 1 } };
    await store.saveSession(id, record, 120);
    record.nested.lastSeenAt = 2;
    const read = await store.getSession<typeof record>(id);
    expect(read).toEqual({ v: 1, box: "sealed", nested: { lastSeenAt: 1 } });
    try {
      read!.nested.lastSeenAt = 3; // a frozen copy refuses; a fresh one takes it: neither reaches the store
    } catch {}
    expect(await store.getSession(id)).toEqual({ v: 1, box: "sealed", nested: { lastSeenAt: 1 } });
  });

  it("touches a session only while it exists: a deleted one is never brought back", async () => {
    const id = key();
    expect(await store.touchSession(id, { lastSeenAt: 1 }, 120)).toBe(false);
    expect(await store.getSession(id)).toBeNull();
    await store.saveSession(id, { lastSeenAt: 1 }, 120);
    expect(await store.touchSession(id, { lastSeenAt: 2 }, 120)).toBe(true);
    expect(await store.getSession(id)).toEqual({ lastSeenAt: 2 });
    await store.deleteSession(id);
    expect(await store.touchSession(id, { lastSeenAt: 3 }, 120)).toBe(false);
    expect(await store.getSession(id)).toBeNull();
  });

  it("reads a counter without counting, and takes a hit back", async () => {
    const counter = key();
    expect(await store.readCounter(counter)).toBe(0);
    expect(await store.incrementCounter(counter, 60)).toBe(1);
    expect(await store.incrementCounter(counter, 60)).toBe(2);
    expect(await store.readCounter(counter)).toBe(2);
    expect(await store.incrementCounter(counter, 60, -1)).toBe(1);
    expect(await store.readCounter(counter)).toBe(1);
  });

  it.runIf(driver.shortTtl)("forgets a session when its TTL passes", async () => {
    const id = key();
    await store.saveSession(id, { a: 1 }, 1);
    expect(await store.getSession(id)).toEqual({ a: 1 });
    await sleep(1300);
    expect(await store.getSession(id)).toBeNull();
  });

  it("accepts a nonce once, and again after it is released", async () => {
    const nonce = key();
    expect(await store.claimNonce(nonce, 60)).toBe(true);
    expect(await store.claimNonce(nonce, 60)).toBe(false);
    expect(await store.claimNonce(key(), 60)).toBe(true);
    await store.releaseNonce(nonce);
    expect(await store.claimNonce(nonce, 60)).toBe(true);
  });

  it("lets exactly one of many concurrent claims of a nonce win", async () => {
    for (let round = 0; round < 5; round++) {
      const nonce = key();
      const results = await Promise.all(Array.from({ length: 25 }, () => store.claimNonce(nonce, 60)));
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it("counts hits per key", async () => {
    const [a, b] = [key(), key()];
    expect(await store.incrementCounter(a, 60)).toBe(1);
    expect(await store.incrementCounter(a, 60)).toBe(2);
    expect(await store.incrementCounter(b, 60)).toBe(1);
    expect(await store.incrementCounter(a, 60)).toBe(3);
  });

  it("counts concurrent hits exactly", async () => {
    const counter = key();
    await Promise.all(Array.from({ length: 30 }, () => store.incrementCounter(counter, 60)));
    expect(await store.incrementCounter(counter, 60)).toBe(31);
  });

  it("keeps a per-number index of sessions and revokes every indexed session that is still there", async () => {
    const [subject, other] = [key(), key()];
    const [a, b, c, gone, kept] = [key(), key(), key(), key(), key()];
    for (const id of [a, b, c, kept]) await store.saveSession(id, { id }, 120);
    for (const id of [a, b, c, gone]) await store.indexSession(subject, id, 120);
    await store.indexSession(other, kept, 120);
    await store.unindexSession(subject, c);
    expect(await store.revokeSessions(subject)).toBe(2); // a and b; c left the index, `gone` was never stored
    for (const id of [a, b]) expect(await store.getSession(id)).toBeNull();
    expect(await store.getSession(c)).toEqual({ id: c });
    expect(await store.getSession(kept)).toEqual({ id: kept });
    expect(await store.revokeSessions(subject)).toBe(0);
    expect(await store.revokeSessions(key())).toBe(0);
    await store.indexSession(subject, c, 120);
    expect(await store.revokeSessions(subject)).toBe(1);
  });

  it("keeps the paused services until they are written again", async () => {
    await store.writePausedServices(["returns"]);
    expect(await store.readPausedServices()).toEqual({ paused: ["returns"] });
    await store.writePausedServices([]);
    expect(await store.readPausedServices()).toEqual({ paused: [] });
  });

  it("starts a counter again when its window passes", async () => {
    const counter = key();
    await store.incrementCounter(counter, 1);
    await store.incrementCounter(counter, 1);
    await sleep(1300);
    expect(await store.incrementCounter(counter, 1)).toBe(1);
  });
});

describe("bounded memory driver", () => {
  it("evicts the least recently used session past its bound, and keeps nonces and counters apart", async () => {
    const store = createGatewayStore(createMemoryBackend(100));
    for (let i = 0; i < 100; i++) await store.saveSession(`s${i}`, { i }, 60);
    await store.getSession("s0");
    await store.claimNonce("n", 60);
    await store.incrementCounter("c", 60);
    await store.saveSession("s100", { i: 100 }, 60);
    expect(await store.getSession("s0")).toEqual({ i: 0 });
    expect(await store.getSession("s1")).toBeNull();
    expect(await store.getSession("s100")).toEqual({ i: 100 });
    expect(await store.claimNonce("n", 60)).toBe(false);
  });
});

describe("bounded memory side tables", () => {
  const refused = (operation: Promise<unknown>) => operation.then(() => "accepted", (e: { statusCode?: number }) => e.statusCode);

  it("never evict a live nonce or counter: when full they refuse new keys with 503, then make room as entries expire", async () => {
    const store = createGatewayStore(createMemoryBackend(100, 50));
    expect(await store.claimNonce("used", 60)).toBe(true);
    expect(await store.incrementCounter("kept", 60)).toBe(1);
    for (let i = 1; i < 50; i++) {
      expect(await store.claimNonce(`n${i}`, 1)).toBe(true);
      expect(await store.incrementCounter(`c${i}`, 1)).toBe(1);
    }
    expect(await refused(store.claimNonce("one-too-many", 60))).toBe(503);
    expect(await refused(store.incrementCounter("one-too-many", 60))).toBe(503);
    expect(await store.claimNonce("used", 60)).toBe(false);
    expect(await store.incrementCounter("kept", 60)).toBe(2);
    await sleep(1300);
    expect(await store.claimNonce("later", 60)).toBe(true);
    expect(await store.incrementCounter("later", 60)).toBe(1);
    expect(await store.claimNonce("used", 60)).toBe(false);
    expect(await store.incrementCounter("kept", 60)).toBe(3);
  });

  it("still refuses a used nonce after 200,000 other keys at the default bound", async () => {
    const store = createGatewayStore(createMemoryBackend(100_000));
    expect(await store.claimNonce("used", 900)).toBe(true);
    let accepted = 0;
    for (let i = 0; i < 200_000; i++) if ((await refused(store.claimNonce(`other-${i}`, 900))) === "accepted") accepted++;
    expect(accepted).toBe(199_999);
    expect(await store.claimNonce("used", 900)).toBe(false);
  });
});

describe("a store that cannot be reached", () => {
  it("fails every operation fast with 503 service_unavailable, naming nothing about the backend", async () => {
    const port = await freePort();
    const backend = createRedisBackend(`redis://:hunter2@127.0.0.1:${port}/0`, "down", 300);
    const store = createGatewayStore(backend);
    const started = Date.now();
    for (const operation of [store.getSession("x"), store.saveSession("x", {}, 10), store.claimNonce("n", 10), store.incrementCounter("c", 10), store.ping()]) {
      const error = await operation.then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ statusCode: 503, data: { code: "service_unavailable" } });
      expect(String((error as Error).message)).not.toMatch(/hunter2|127\.0\.0\.1|ECONNREFUSED/);
    }
    expect(Date.now() - started).toBeLessThan(3000);
    await backend.dispose();
  });
});

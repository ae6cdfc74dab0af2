import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisSentinel, type SentinelSetup } from "../support/redis-sentinel";

// The Sentinel harness itself, with ioredis in Sentinel mode (what the gateway's store will use):
// a write survives SIGKILL of the primary, and the client finds the promoted replica on its own.
// Generous bounds: failover takes a few seconds (down-after 1 s, then an election).
const FAILOVER_BOUND_MS = 30_000;
const prefix = `sentinel-harness-${randomBytes(4).toString("hex")}:`;
let setup: SentinelSetup;
let client: Redis;
let pidsBeforeStop: number[] = [];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const withDeadline = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("deadline")), ms))]);

/** Retries a write until the client reaches a writable primary again; the time it took. */
async function writeUntilAccepted(key: string, value: string, since: number): Promise<number> {
  while (Date.now() - since < FAILOVER_BOUND_MS) {
    try {
      if ((await withDeadline(client.set(key, value), 1000)) === "OK") return Date.now() - since;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no write accepted within ${FAILOVER_BOUND_MS} ms of the primary's death`);
}

beforeAll(async () => {
  setup = await startRedisSentinel({ name: "gateway-test" });
  client = new Redis({
    sentinels: setup.sentinels,
    name: setup.name,
    keyPrefix: prefix,
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, 500),
    sentinelRetryStrategy: (times) => Math.min(times * 100, 500),
    // No failoverDetector: a +switch-master that arrives while ioredis asks a sentinel ends the client
    // for good (the gateway's store restarts it: sentinel-stall.test.ts); SIGKILL closes the connection anyway.
  });
  client.on("error", () => {});
}, 60_000);

afterAll(async () => {
  client?.disconnect();
  await setup?.stop();
});

describe("Redis Sentinel harness (one primary, one replica, three sentinels on loopback)", () => {
  it("starts with the sentinels agreeing on the primary, and gives the redis+sentinel URL", async () => {
    expect(setup.primaryPort()).not.toBe(setup.replicaPort());
    expect(setup.sentinels).toHaveLength(3);
    expect(setup.url).toBe(`redis+sentinel://${setup.sentinels.map((s) => `127.0.0.1:${s.port}`).join(",")}/gateway-test`);
    expect(await client.set("before", "kept")).toBe("OK");
    expect(await client.get("before")).toBe("kept");
    // Replication is asynchronous: only a write the replica acknowledged is sure to survive.
    expect(await client.call("WAIT", "1", "2000")).toBe(1);
  });

  it("fails over when the primary is SIGKILLed: the replica is promoted and ioredis writes to it", async () => {
    const oldPrimary = setup.primaryPort();
    const replica = setup.replicaPort();
    const { killedAt } = await setup.killPrimary();
    const failover = await setup.waitForFailover(oldPrimary, FAILOVER_BOUND_MS);
    const agreedMs = Date.now() - killedAt;
    expect(failover.port).toBe(replica);
    const recoveredMs = await writeUntilAccepted("after", "written", killedAt);
    console.log(`sentinel failover: sentinels agreed on the new primary ${agreedMs} ms after SIGKILL; ioredis wrote again after ${recoveredMs} ms`);
    expect(recoveredMs).toBeLessThan(FAILOVER_BOUND_MS);
    expect(await client.get("before")).toBe("kept");
    expect(await client.get("after")).toBe("written");
    const direct = new Redis({ host: "127.0.0.1", port: replica, lazyConnect: true });
    await direct.connect();
    expect(((await direct.call("ROLE")) as unknown[])[0]).toBe("master");
    direct.disconnect();
  }, 60_000);

  it("stops every process it started", async () => {
    pidsBeforeStop = setup.pids();
    expect(pidsBeforeStop.length).toBe(5);
    client.disconnect();
    await setup.stop();
    expect(pidsBeforeStop.filter(alive)).toEqual([]);
  }, 30_000);
});

import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { StoreBackend } from "../../server/runtime/stores/contract";
import { createRedisBackend } from "../../server/runtime/stores/redis";
import { startRedisSentinel, waitForReplica, type SentinelSetup } from "../support/redis-sentinel";
import { startTcpGate, type TcpGate } from "../support/tcp-gate";

// The Redis store in Sentinel mode when a sentinel stops answering during a failover. The first
// sentinel in the URL sits behind a gate that holds its answers; the other two answer normally.
// Each case fails over a setup of its own: the store must reach the new primary by itself.
const RECOVERY_BOUND_MS = 20_000;
let sentinel: SentinelSetup | undefined;
let gate: TcpGate | undefined;
let backend: StoreBackend | undefined;

afterEach(async () => {
  await backend?.dispose();
  await gate?.close();
  await sentinel?.stop();
  backend = gate = sentinel = undefined;
});

async function openStoreBehindGate(timeoutMs: number): Promise<{ backend: StoreBackend; gate: TcpGate; sentinel: SentinelSetup }> {
  sentinel = await startRedisSentinel({ downAfterMs: 1000 });
  const [first, ...others] = sentinel.sentinels;
  gate = await startTcpGate(first.port);
  const hosts = [`127.0.0.1:${gate.port}`, ...others.map(({ port }) => `127.0.0.1:${port}`)];
  backend = createRedisBackend(`redis+sentinel://${hosts.join(",")}/${sentinel.name}`, `stall-${randomBytes(4).toString("hex")}`, timeoutMs);
  await backend.setItem("s:kept", { value: "before" }, 600);
  await waitForReplica(sentinel);
  return { backend, gate, sentinel };
}

/** Reads until the store answers again; how long after `since` it did. */
async function readUntilAnswered(store: StoreBackend, since: number): Promise<number> {
  while (Date.now() - since < RECOVERY_BOUND_MS) {
    try {
      if (await store.getItem<{ value: string }>("s:kept")) return Date.now() - since;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the store did not answer within ${RECOVERY_BOUND_MS} ms of the primary's death`);
}

describe("Redis Sentinel: a sentinel that stops answering", () => {
  it("does not stall the store: it asks the next sentinel after the store timeout", async () => {
    const { backend, gate, sentinel } = await openStoreBehindGate(1000);
    gate.hold(); // for good: the first sentinel never answers again
    const { port, killedAt } = await sentinel.killPrimary();
    await sentinel.waitForFailover(port);
    const recoveredMs = await readUntilAnswered(backend, killedAt);
    console.log(`answered again ${recoveredMs} ms after the kill, with the first sentinel silent`);
    expect(await backend.getItem("s:kept")).toEqual({ value: "before" });
  }, 90_000);

  it("does not end the store when the failover is announced while it waits for that sentinel", async () => {
    // A store timeout longer than the failover: the store is still waiting for the held answer
    // when the other sentinels announce +switch-master.
    const { backend, gate, sentinel } = await openStoreBehindGate(15_000);
    gate.hold();
    const { port, killedAt } = await sentinel.killPrimary();
    await sentinel.waitForFailover(port);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // +switch-master reaches the store's subscriptions
    gate.release(); // the first sentinel now answers with the old primary's address
    const recoveredMs = await readUntilAnswered(backend, killedAt);
    console.log(`answered again ${recoveredMs} ms after the kill, the failover announced mid-question`);
    expect(await backend.getItem("s:kept")).toEqual({ value: "before" });
  }, 90_000);
});


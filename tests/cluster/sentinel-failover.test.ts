import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisSentinel, waitForReplica, type SentinelSetup } from "../support/redis-sentinel";
import { startStack, type Stack } from "../support/stack";
import { TEST_TAXPAYERS } from "../upstream";

// NITRO_SESSION_STORAGE=redis+sentinel://…: the primary dies, the sentinels promote the
// replica, and the gateway follows on its own. Meanwhile it answers 503, never 500, and
// the session (replicated before the kill) survives.
const [ONE] = TEST_TAXPAYERS;
const STORE_TIMEOUT_MS = 2000; // the default: a connect on a loaded 2-core machine can take longer than a tight bound
let sentinel: SentinelSetup;
let stack: Stack;

beforeAll(async () => {
  sentinel = await startRedisSentinel({ downAfterMs: 1000 });
  stack = await startStack({
    env: { NITRO_SESSION_STORAGE: sentinel.url, NITRO_STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS), NITRO_STORE_KEY_PREFIX: "sentinel-test" },
  });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await sentinel?.stop();
});

describe("Redis Sentinel failover", () => {
  it("answers 503 only while the sentinels fail over, then recovers by itself with the session intact", async () => {
    const signedIn = await stack.signIn(ONE.msisdn);
    expect((await signedIn.get("/session")).status).toBe(200);
    await waitForReplica(sentinel);

    const { port, killedAt } = await sentinel.killPrimary();
    let failedOverAt = 0;
    const failover = sentinel.waitForFailover(port).then(() => (failedOverAt = Date.now()));
    const statuses: number[] = [];
    let recoveredAt = 0;
    while (Date.now() - killedAt < 30_000) {
      const status = (await signedIn.get("/session")).status;
      statuses.push(status);
      if (status === 200) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await failover;
    console.log(`failover ${failedOverAt - killedAt} ms, recovered ${recoveredAt - killedAt} ms after the kill; ${statuses.length - 1} answers of 503 meanwhile`);
    expect(recoveredAt, `statuses while failing over: ${statuses.join(",")}`).toBeGreaterThan(0);
    expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
    // 503 for at most the failover itself, plus a store timeout and the reconnect back-off (generous: a shared 2-core machine).
    expect(recoveredAt - failedOverAt).toBeLessThan(10_000);
    const after = await signedIn.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000002B" } });
    expect([200, 422]).toContain(after.status);
    expect(stack.gateway.output.join("\n")).not.toMatch(/"status":500/);
  }, 60_000);
});


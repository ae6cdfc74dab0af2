import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startRedisCluster, type RedisCluster } from "../support/redis-cluster";
import { startStack, type Stack } from "../support/stack";
import { TEST_TAXPAYERS } from "../upstream";

// NITRO_SESSION_STORAGE=redis+cluster://…: sessions, single-use nonces and counters live on a
// real three-node Redis Cluster, spread over its slots.
const [ONE, TWO, THREE] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
let cluster: RedisCluster;
let stack: Stack;

beforeAll(async () => {
  cluster = await startRedisCluster();
  stack = await startStack({ env: { NITRO_SESSION_STORAGE: cluster.url, NITRO_STORE_KEY_PREFIX: "cluster-test", NITRO_RATE_LIMIT_ENTRY_MSISDN: "3/900" } });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await cluster?.stop();
});

describe("Redis Cluster storage", () => {
  it("keeps sessions, single-use links and limits on the cluster, spread over its nodes", async () => {
    const sessions = await Promise.all([ONE, TWO, THREE].map((taxpayer) => stack.signIn(taxpayer.msisdn)));
    for (const session of sessions) expect((await session.get("/session")).status).toBe(200);

    const link = await stack.signedLink(ONE.msisdn);
    expect((await stack.client().enter(link)).status).toBe(303);
    const reused = await stack.client().enter(link, json);
    expect(reused.status).toBe(403);
    expect((await reused.json()).error).toBe("link_used");
    // ONE has made three entries now (sign-in, the link, its replay): the per-number limit of 3 holds on the cluster.
    expect((await stack.client().enter(await stack.signedLink(ONE.msisdn))).status).toBe(429);

    const keysPerNode = cluster.ports.map((port) => Number(cli(port, "dbsize")));
    expect(keysPerNode.filter((count) => count > 0).length).toBeGreaterThan(1);
    expect((await stack.client().get("/readyz")).status).toBe(200);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall, adminEnv, adminReady } from "../support/admin";
import { cli, startRedisCluster, type RedisCluster } from "../support/redis-cluster";
import { startStack, type Stack } from "../support/stack";
import { TEST_TAXPAYERS } from "../upstream";

// NITRO_SESSION_STORAGE=redis+cluster://…: sessions, single-use nonces and counters live on a
// real three-node Redis Cluster, spread over its slots.
const [ONE, TWO, THREE] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
let cluster: RedisCluster;
let stack: Stack;
let admin: Awaited<ReturnType<typeof adminEnv>>;

beforeAll(async () => {
  cluster = await startRedisCluster();
  admin = await adminEnv();
  stack = await startStack({
    env: { NITRO_SESSION_STORAGE: cluster.url, NITRO_STORE_KEY_PREFIX: "cluster-test", NITRO_RATE_LIMIT_ENTRY_MSISDN: "3/900", ...admin },
  });
  await adminReady(stack.gateway);
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

  it("revokes every session of a number on the cluster (the per-number index key is hash-tagged)", async () => {
    const sessions = [await stack.signIn(TWO.msisdn), await stack.signIn(TWO.msisdn)];
    const revoke = await adminCall(admin, "POST", "/admin/sessions/revoke", { msisdn: TWO.msisdn });
    expect(revoke.status).toBe(200);
    expect((await revoke.json()).revoked).toBeGreaterThanOrEqual(2);
    for (const session of sessions) expect((await session.get("/session", json)).status).toBe(401);
    const indexKeys = cluster.ports.flatMap((port) => cli(port, "keys", "cluster-test:i:*").split("\n").filter(Boolean));
    for (const indexKey of indexKeys) expect(indexKey).toMatch(/^cluster-test:i:\{[A-Za-z0-9_-]{43}\}$/);
  }, 60_000);
});

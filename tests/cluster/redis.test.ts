import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedLink } from "../../server/utils/signed-link";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { GatewayClient } from "../support/client";
import { freePort, startNodeGateway, type RunningGateway } from "../support/gateway";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { GENEROUS_RATE_LIMITS, OTP } from "../support/stack";
import { simulatedGatewayEnv } from "../support/gateway-env";

// Several gateway processes behind a load balancer share one Redis: sessions,
// single-use nonces and rate-limit counters hold across instances.
const [ONE, TWO] = TEST_TAXPAYERS;
let redis: RedisServer;
let upstream: SimulatedUpstream;
let env: Record<string, string>;
let origin: string;
const instances: Record<"a" | "b", RunningGateway> = {} as never;
const ports = { a: 0, b: 0 };

async function start(name: "a" | "b"): Promise<RunningGateway> {
  instances[name] = await startNodeGateway({ env, port: ports[name] });
  return instances[name];
}
const client = (name: "a" | "b") => new GatewayClient(instances[name].url, origin);
const on = (name: "a" | "b", from: GatewayClient) => {
  const moved = client(name);
  moved.sessionId = from.sessionId;
  return moved;
};
const link = (phone: string) =>
  createSignedLink({ secret: env.NITRO_ENTRY_LINK_SECRET, publicOrigin: origin, phone }).then((url) => Object.fromEntries(new URL(url).searchParams));

async function signInOn(name: "a" | "b", msisdn: string): Promise<GatewayClient> {
  const signedIn = client(name);
  expect((await signedIn.enter(await link(msisdn))).status).toBe(303);
  expect((await signedIn.submitOtp(OTP)).status).toBe(303);
  return signedIn;
}

beforeAll(async () => {
  redis = await startRedisServer();
  const apiKey = randomBytes(16).toString("hex");
  upstream = await startSimulatedUpstream({ apiKey, otp: OTP });
  [ports.a, ports.b] = [await freePort(), await freePort()];
  origin = `http://localhost:${ports.a}`;
  env = {
    ...simulatedGatewayEnv({ upstream, apiKey, linkSecret: randomBytes(32).toString("base64url"), origin }),
    NITRO_SESSION_STORAGE: redis.url,
    NITRO_STORE_TIMEOUT_MS: "500",
    NITRO_STORE_KEY_PREFIX: `cluster-${randomBytes(3).toString("hex")}`,
    ...GENEROUS_RATE_LIMITS,
    NITRO_RATE_LIMIT_ENTRY_MSISDN: "4/600",
  };
  await Promise.all([start("a"), start("b")]);
});

afterAll(async () => {
  await Promise.all(Object.values(instances).map((gateway) => gateway.stop()));
  await upstream?.close();
  await redis?.stop();
});

describe("two instances sharing Redis", () => {
  it("a session made on A works on B", async () => {
    const signedIn = await signInOn("a", ONE.msisdn);
    upstream.clearReceived();
    const response = await on("b", signedIn).api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 3 });
    const [call] = upstream.receivedOn("/api/ussd/buyer-initiated/lookup");
    expect(upstream.tokensIssued()).toContain(call.headers.authorization.replace(/^Bearer /, ""));
  });

  it("logout on B ends the session on A", async () => {
    const signedIn = await signInOn("a", ONE.msisdn);
    expect((await on("b", signedIn).post("/session/logout")).status).toBe(303);
    const after = await on("a", signedIn).get("/session");
    expect(after.status).toBe(401);
  });

  it("a link used on A is refused on B", async () => {
    const fields = await link(TWO.msisdn);
    expect((await client("a").enter(fields)).status).toBe(303);
    const replay = await client("b").enter(fields, { headers: { accept: "application/json" } });
    expect(replay.status).toBe(403);
    expect((await replay.json()).error).toBe("link_used");
  });

  it("rate-limit counts are shared", async () => {
    const phone = "254700000004";
    for (const name of ["a", "b", "a", "b"] as const) expect((await client(name).enter(await link(phone))).status).toBe(303);
    expect((await client("a").enter(await link(phone))).status).toBe(429);
    expect((await client("b").enter(await link(phone))).status).toBe(429);
  });

  it("kill -9 of A loses no session: A restarted on the same port serves it", async () => {
    const signedIn = await signInOn("a", ONE.msisdn);
    await instances.a.stop("SIGKILL");
    await start("a");
    const response = await on("a", signedIn).get("/session");
    expect(response.status).toBe(200);
    expect((await response.json()).state).toBe("active");
  });

  it("keeps a link's nonce until the link expires (plus the 30 s skew), in the shared store", async () => {
    const Redis = (await import("ioredis")).default;
    const connection = new Redis(redis.url);
    const nonceKeys = () => connection.keys(`${env.NITRO_STORE_KEY_PREFIX}:n:*`);
    try {
      const before = new Set(await nonceKeys());
      const now = Math.floor(Date.now() / 1000);
      const fields = Object.fromEntries(new URL(await createSignedLink({
        secret: env.NITRO_ENTRY_LINK_SECRET, publicOrigin: origin, phone: TWO.msisdn, nowSeconds: now, ttlSeconds: 700,
      })).searchParams);
      expect((await client("a").enter(fields)).status).toBe(303);
      const added = (await nonceKeys()).filter((key) => !before.has(key));
      expect(added).toHaveLength(1);
      const ttl = await connection.ttl(added[0]);
      // exp - now + 30 s at entry, give or take the seconds the entry itself took.
      expect(ttl).toBeGreaterThan(700 + 30 - 5);
      expect(ttl).toBeLessThanOrEqual(700 + 30);
    } finally {
      connection.disconnect();
    }
  });
});

// A second pair of instances with tight per-number OTP limits, so the pair above can sign in freely.
describe("OTP limits shared by two instances", () => {
  const THREE = TEST_TAXPAYERS[2];
  let pair: RunningGateway[] = [];
  beforeAll(async () => {
    const tight = {
      ...env, NITRO_STORE_KEY_PREFIX: `${env.NITRO_STORE_KEY_PREFIX}-otp`,
      NITRO_RATE_LIMIT_OTP_SEND_MSISDN: "2/3600", NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: "2/3600", NITRO_OTP_MAX_ATTEMPTS: "20",
    };
    pair = await Promise.all([startNodeGateway({ env: tight }), startNodeGateway({ env: tight })]);
  });
  afterAll(() => Promise.all(pair.map((gateway) => gateway.stop())));
  const json = { headers: { accept: "application/json" } };
  const at = (i: number, from?: GatewayClient) => {
    const moved = new GatewayClient(pair[i].url, origin);
    moved.sessionId = from?.sessionId;
    return moved;
  };

  it("counts OTP texts and OTP guesses for one number across both instances", async () => {
    const first = at(0);
    expect((await first.enter(await link(THREE.msisdn))).status).toBe(303); // text 1, on the first
    const second = at(1);
    expect((await second.enter(await link(THREE.msisdn))).status).toBe(303); // text 2, on the second
    upstream.clearReceived();
    const resend = await at(0, second).post("/session/otp/resend", json);
    expect(resend.status).toBe(429);
    expect(upstream.receivedOn("/api/ussd/otp")).toEqual([]);

    expect((await at(0, second).post("/session/otp", { json: { otp: "NOPE00" }, ...json })).status).toBe(400);
    expect((await at(1, second).post("/session/otp", { json: { otp: "NOPE00" }, ...json })).status).toBe(400);
    const third = await at(0, second).post("/session/otp", { json: { otp: OTP }, ...json });
    expect(third.status).toBe(429);
    expect(upstream.receivedOn("/api/ussd/validate-otp")).toHaveLength(2);
  });
});

describe("Redis going away and coming back", () => {
  it("answers 503 quickly while Redis is down, and recovers on its own", async () => {
    const signedIn = await signInOn("a", ONE.msisdn);
    await redis.stop();
    // Each answer is bounded by the 500 ms store timeout; without it a request would wait on
    // Redis indefinitely. The bound per request is generous for a busy 2-core machine.
    const bounded = async <T>(work: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      const value = await work();
      expect(Date.now() - started).toBeLessThan(4000);
      return value;
    };
    const ready = await bounded(() => fetch(`${instances.a.url}/readyz`));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable", checks: { config: "ok", store: "down" } });
    const fields = await link(TWO.msisdn);
    const entry = await bounded(() => client("b").enter(fields, { headers: { accept: "application/json" } }));
    expect(entry.status).toBe(503);
    expect((await entry.json()).error).toBe("service_unavailable");
    const api = await bounded(() => on("a", signedIn).api("GET", "/buyer-initiated/fetch"));
    expect(api.status).toBe(503);
    const body = await api.text();
    expect(JSON.parse(body).error).toBe("service_unavailable");
    expect(body).not.toMatch(/redis|ECONNREFUSED|127\.0\.0\.1/i);
    expect((await fetch(`${instances.b.url}/healthz`)).status).toBe(200);

    await redis.start();
    let readyAgain = 0;
    for (let i = 0; i < 40 && readyAgain !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      readyAgain = (await fetch(`${instances.a.url}/readyz`)).status;
    }
    expect(readyAgain).toBe(200);
    const fresh = await signInOn("b", TWO.msisdn);
    expect((await on("a", fresh).get("/session")).status).toBe(200);
  }, 30_000);
});

it("keeps session ids out of Redis: only their hashes are keys", async () => {
  const signedIn = await signInOn("a", ONE.msisdn);
  const Redis = (await import("ioredis")).default;
  const connection = new Redis(redis.url);
  const keys = await connection.keys(`${env.NITRO_STORE_KEY_PREFIX}:*`);
  const values = await Promise.all(keys.filter((key) => key.includes(":s:")).map((key) => connection.get(key)));
  connection.disconnect();
  expect(keys.some((key) => key.includes(signedIn.sessionId!))).toBe(false);
  expect(keys.some((key) => key.includes(ONE.msisdn))).toBe(false);
  expect(values.join("\n")).not.toContain(signedIn.sessionId!);
});

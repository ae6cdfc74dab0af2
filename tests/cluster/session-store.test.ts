import { createHash, randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedLink } from "../../server/utils/signed-link";
import { adminCall, adminEnv } from "../support/admin";
import { GatewayClient, SESSION_COOKIE } from "../support/client";
import { freePort, startNodeGateway, type RunningGateway } from "../support/gateway";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { GENEROUS_RATE_LIMITS, OTP } from "../support/stack";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { simulatedGatewayEnv } from "../support/gateway-env";

// What Redis holds, and what it must not: records sealed with NITRO_SESSION_ENCRYPTION_KEY,
// keys derived from numbers and addresses as HMACs, OTP attempts and logout that hold under concurrency.
const [ONE, TWO] = TEST_TAXPAYERS;
const KEY_A = randomBytes(32).toString("base64url");
const KEY_B = randomBytes(32).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = { headers: { accept: "application/json" } };

let redis: RedisServer;
let raw: Redis;
let upstream: SimulatedUpstream;
let base: Record<string, string>;
let port: number;
let origin: string;
const running: RunningGateway[] = [];

async function start(env: Record<string, string> = {}, at = port): Promise<RunningGateway> {
  const gateway = await startNodeGateway({ env: { ...base, ...env }, port: at });
  running.push(gateway);
  return gateway;
}
async function stop(gateway: RunningGateway): Promise<void> {
  await gateway.stop();
  running.splice(running.indexOf(gateway), 1);
}
const clientOf = (gateway: RunningGateway, sessionId?: string) => {
  const client = new GatewayClient(gateway.url, origin);
  client.sessionId = sessionId;
  return client;
};
const link = async (phone: string) =>
  Object.fromEntries(new URL(await createSignedLink({ secret: base.NITRO_ENTRY_LINK_SECRET, publicOrigin: origin, phone })).searchParams);

async function signIn(gateway: RunningGateway, msisdn: string): Promise<GatewayClient> {
  const client = clientOf(gateway);
  expect((await client.enter(await link(msisdn))).status).toBe(303);
  expect((await client.submitOtp(OTP)).status).toBe(303);
  return client;
}

async function dump(prefix = base.NITRO_STORE_KEY_PREFIX): Promise<{ keys: string[]; values: string[] }> {
  const keys = await raw.keys(`${prefix}:*`);
  // The per-number session index is a set (its members: session store keys); everything else a string.
  const values = await Promise.all(keys.map(async (key) => ((await raw.type(key)) === "set" ? (await raw.smembers(key)).join(" ") : raw.get(key))));
  return { keys, values: values.map(String) };
}

beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url);
  const apiKey = randomBytes(16).toString("hex");
  upstream = await startSimulatedUpstream({ apiKey, otp: OTP });
  port = await freePort();
  origin = `http://localhost:${port}`;
  base = {
    ...simulatedGatewayEnv({ upstream, apiKey, linkSecret: randomBytes(32).toString("base64url"), origin }),
    NITRO_SESSION_ENCRYPTION_KEY: KEY_A,
    NITRO_SESSION_STORAGE: redis.url,
    NITRO_STORE_KEY_PREFIX: `store-${randomBytes(3).toString("hex")}`,
    ...GENEROUS_RATE_LIMITS,
  };
});

afterAll(async () => {
  await Promise.all(running.map((gateway) => gateway.stop()));
  raw?.disconnect();
  await upstream?.close();
  await redis?.stop();
});

describe("at rest in Redis", () => {
  it("holds no token, number, name or cookie in clear, and no bare SHA-256 of a number or address", async () => {
    const gateway = await start();
    try {
      const signedIn = await signIn(gateway, ONE.msisdn);
      const { keys, values } = await dump();
      const everything = [...keys, ...values].join("\n");
      const tokens = upstream.tokensIssued();
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) {
        expect(everything).not.toContain(token);
        for (const part of token.split(".")) expect(everything).not.toContain(part);
      }
      expect(keys.some((key) => key.includes(":s:"))).toBe(true);
      expect(keys.filter((key) => key.includes(":r:")).length).toBeGreaterThan(0);
      for (const forbidden of [ONE.msisdn, ONE.msisdn.slice(3), ONE.name, ONE.pin, signedIn.sessionId!]) expect(everything).not.toContain(forbidden);
      for (const subject of [ONE.msisdn, "127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
        for (const encoding of ["hex", "base64url", "base64"] as const) {
          expect(everything).not.toContain(createHash("sha256").update(subject).digest(encoding));
        }
      }
      expect(keys.filter((key) => key.includes(":i:"))).toEqual([expect.stringMatching(/:i:\{[A-Za-z0-9_-]{43}\}$/)]);
      const sessionValue = JSON.parse(values[keys.findIndex((key) => key.includes(":s:"))]);
      expect(Object.keys(sessionValue).sort()).toEqual(["box", "v"]);
    } finally {
      await stop(gateway);
    }
  });
});

describe("rotating NITRO_SESSION_ENCRYPTION_KEY", () => {
  it("keeps sessions across a restart with the new key and the old one as previous, and ends them cleanly without it", async () => {
    let gateway = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_A });
    const signedIn = await signIn(gateway, TWO.msisdn);
    const sessionId = signedIn.sessionId!;
    const token = upstream.tokensIssued().at(-1)!;
    await stop(gateway);

    gateway = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_B, NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect((await clientOf(gateway, sessionId).get("/session")).status).toBe(200);
    upstream.clearReceived();
    await clientOf(gateway, sessionId).api("GET", "/buyer-initiated/fetch");
    const forwarded = upstream.receivedOn(`/api/ussd/buyer-initiated/fetch/${TWO.msisdn}`);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].headers.authorization).toBe(`Bearer ${token}`);
    await stop(gateway);

    gateway = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_B });
    try {
      upstream.clearReceived();
      const api = await clientOf(gateway, sessionId).api("GET", "/buyer-initiated/fetch");
      expect(api.status).toBe(401);
      expect((await api.json()).error).toBe("session_expired");
      expect(api.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
      expect(upstream.received).toEqual([]);
      const status = await clientOf(gateway, sessionId).get("/session", json);
      expect(status.status).toBe(401);
      const storeKey = `${base.NITRO_STORE_KEY_PREFIX}:s:${createHash("sha256").update(sessionId).digest("base64url")}`;
      expect(await raw.exists(storeKey)).toBe(0);
      expect(gateway.output.join("\n")).not.toMatch(/unexpected error|"level":"error"/);
    } finally {
      await stop(gateway);
    }
  });
});

describe("the documented two-step key rotation", () => {
  it("lets instances on either step open each other's records while the second restart rolls", async () => {
    const first = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_A, NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: KEY_B });
    const second = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_B, NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: KEY_A }, await freePort());
    try {
      const onFirst = await signIn(first, ONE.msisdn);
      const onSecond = await signIn(second, TWO.msisdn);
      for (const gateway of [first, second, first]) {
        for (const id of [onFirst.sessionId, onSecond.sessionId]) expect((await clientOf(gateway, id).get("/session", json)).status).toBe(200);
      }
    } finally {
      await stop(first);
      await stop(second);
    }
  });
});

describe("revocation across a key rotation", () => {
  it("finds the sessions indexed under the previous key as well as the current one", async () => {
    const admin = await adminEnv();
    const env = { ...admin, NITRO_STORE_KEY_PREFIX: `revoke-${randomBytes(3).toString("hex")}` }; // no other test's sessions
    let gateway = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_A, ...env });
    const before = await signIn(gateway, ONE.msisdn);
    await stop(gateway);
    gateway = await start({ NITRO_SESSION_ENCRYPTION_KEY: KEY_B, NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: KEY_A, ...env });
    try {
      const after = await signIn(gateway, ONE.msisdn);
      expect((await clientOf(gateway, before.sessionId).get("/session")).status).toBe(200);
      const revoke = await adminCall(admin, "POST", "/admin/sessions/revoke", { msisdn: ONE.msisdn });
      expect(await revoke.json()).toEqual({ revoked: 2 });
      for (const id of [before.sessionId, after.sessionId]) expect((await clientOf(gateway, id).get("/session", json)).status).toBe(401);
    } finally {
      await stop(gateway);
    }
  });
});

describe("under concurrency, across two instances", () => {
  let a: RunningGateway;
  let b: RunningGateway;
  const prefix = `race-${randomBytes(3).toString("hex")}`;
  beforeAll(async () => {
    // A short idle timeout makes every read after ~1.25 s rewrite the record (the touch that raced logout).
    const env = { NITRO_SESSION_IDLE_SECONDS: "5", NITRO_OTP_MAX_ATTEMPTS: "3", NITRO_STORE_KEY_PREFIX: prefix };
    [a, b] = [await start(env), await start(env, await freePort())];
  });

  it("concurrent wrong codes never reach /validate-otp more than NITRO_OTP_MAX_ATTEMPTS times", async () => {
    for (let round = 0; round < 3; round++) {
      const pending = clientOf(a);
      expect((await pending.enter(await link(ONE.msisdn))).status).toBe(303);
      upstream.clearReceived();
      const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        clientOf(i % 2 ? b : a, pending.sessionId).post("/session/otp", { json: { otp: "NOPE00" }, ...json })));
      expect(upstream.receivedOn("/api/ussd/validate-otp").length).toBeLessThanOrEqual(3);
      const statuses = guesses.map((r) => r.status);
      expect(statuses.every((status) => [400, 401, 403].includes(status))).toBe(true);
      expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(2);
      expect((await clientOf(b, pending.sessionId).get("/session", json)).status).toBe(401);
    }
  });

  it("logout is never undone by reads racing it", async () => {
    const sessions = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(i % 2 ? a : b, ONE.msisdn)));
    await sleep(1600); // past the touch interval: each read below rewrites the record
    await Promise.all(sessions.map(async (session) => {
      const id = session.sessionId!;
      const reads = Array.from({ length: 6 }, (_, i) => clientOf(i % 2 ? a : b, id).get("/session", json));
      const logout = clientOf(a, id).post("/session/logout", json);
      const statuses = await Promise.all([logout, ...reads]);
      expect(statuses[0].status).toBe(204);
    }));
    await sleep(200);
    for (const session of sessions) {
      for (const gateway of [a, b]) expect((await clientOf(gateway, session.sessionId).get("/session", json)).status).toBe(401);
    }
    expect((await dump(prefix)).keys.filter((key) => key.includes(":s:"))).toEqual([]);
  });
});

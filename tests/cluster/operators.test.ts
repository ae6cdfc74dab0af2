import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedLink } from "../../server/utils/signed-link";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { adminCall, adminReady } from "../support/admin";
import { GatewayClient } from "../support/client";
import { freePort, ROOT, startNodeGateway, type RunningGateway } from "../support/gateway";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { GENEROUS_RATE_LIMITS, OTP } from "../support/stack";
import { simulatedGatewayEnv } from "../support/gateway-env";

// Operators act on every instance at once: two gateways share one Redis, each with its own
// admin listener; a revocation or a pause made through one holds on the other.
const [ONE, TWO] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);
type Name = "a" | "b";
let redis: RedisServer;
let upstream: SimulatedUpstream;
let env: Record<string, string>;
let origin: string;
const token = randomBytes(32).toString("base64url");
const instances = {} as Record<Name, RunningGateway>;
const admin = {} as Record<Name, { NITRO_ADMIN_PORT: string; NITRO_ADMIN_TOKEN: string }>;

const client = (name: Name) => new GatewayClient(instances[name].url, origin);
const link = (phone: string) =>
  createSignedLink({ secret: env.NITRO_ENTRY_LINK_SECRET, publicOrigin: origin, phone }).then((url) => Object.fromEntries(new URL(url).searchParams));

async function signInOn(name: Name, msisdn: string): Promise<GatewayClient> {
  const signedIn = client(name);
  expect((await signedIn.enter(await link(msisdn))).status).toBe(303);
  expect((await signedIn.submitOtp(OTP)).status).toBe(303);
  return signedIn;
}

async function start(name: Name, port: number): Promise<void> {
  admin[name] = { NITRO_ADMIN_PORT: String(await freePort()), NITRO_ADMIN_TOKEN: token };
  instances[name] = await startNodeGateway({ env: { ...env, ...admin[name] }, port });
  await adminReady(instances[name]);
}

/** `npm run admin -- …` as an operator runs it, against instance A. */
function adminCli(...args: string[]) {
  return run("npx", ["tsx", "server/cli/admin.ts", ...args], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...admin.a, NITRO_ADMIN_HOST: "127.0.0.1" },
  });
}

beforeAll(async () => {
  redis = await startRedisServer();
  const apiKey = randomBytes(16).toString("hex");
  upstream = await startSimulatedUpstream({ apiKey, otp: OTP });
  const ports = [await freePort(), await freePort()];
  origin = `http://localhost:${ports[0]}`;
  env = {
    ...simulatedGatewayEnv({ upstream, apiKey, linkSecret: randomBytes(32).toString("base64url"), origin }),
    NITRO_ITAX_BASE_URL: upstream.itaxBaseUrl,
    NITRO_SESSION_STORAGE: redis.url,
    NITRO_STORE_KEY_PREFIX: `ops-${randomBytes(3).toString("hex")}`,
    ...GENEROUS_RATE_LIMITS,
  };
  await Promise.all([start("a", ports[0]), start("b", ports[1])]);
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(instances).map((gateway) => gateway.stop()));
  await upstream?.close();
  await redis?.stop();
});

describe("the admin listener", () => {
  it("is not reachable through the public port: /metrics and /admin/* answer 404 there", async () => {
    for (const [method, path] of [["GET", "/metrics"], ["GET", "/admin/services"], ["POST", "/admin/services"], ["POST", "/admin/sessions/revoke"]]) {
      const response = await fetch(instances.a.url + path, {
        method, headers: { authorization: `Bearer ${token}`, origin, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        body: method === "POST" ? JSON.stringify({ paused: ["returns"] }) : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.text()).not.toContain("gateway_requests_total");
    }
  });

  it("refuses a missing or wrong token with 401 JSON, and unknown paths with 404", async () => {
    for (const bearer of [null, "", token.slice(0, -1), `${token}x`]) {
      const response = await adminCall(admin.a, "POST", "/admin/services", { paused: ["returns"] }, bearer);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "unauthorized" });
    }
    expect((await adminCall(admin.a, "GET", "/metrics", undefined, "nope")).status).toBe(401);
    expect((await adminCall(admin.a, "GET", "/admin/nothing")).status).toBe(404);
    expect((await adminCall(admin.a, "POST", "/admin/sessions/revoke", { msisdn: "12" })).status).toBe(400);
    expect((await adminCall(admin.a, "POST", "/admin/services", { paused: ["nope"] })).status).toBe(400);
  });
});

describe("revocation across instances", () => {
  it("ends every session of the number, made on either instance, and answers how many", async () => {
    const [onA, onB, other] = [await signInOn("a", ONE.msisdn), await signInOn("b", ONE.msisdn), await signInOn("b", TWO.msisdn)];
    for (const session of [onA, onB, other]) expect((await session.get("/session", json)).status).toBe(200);
    const response = await adminCall(admin.a, "POST", "/admin/sessions/revoke", { msisdn: `0${ONE.msisdn.slice(3)}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: 2 });
    expect((await onA.get("/session", json)).status).toBe(401);
    expect((await onB.get("/session", json)).status).toBe(401);
    expect((await onB.api("GET", "/buyer-initiated/fetch")).status).toBe(401);
    expect((await other.get("/session", json)).status).toBe(200);
    expect(await (await adminCall(admin.b, "POST", "/admin/sessions/revoke", { msisdn: ONE.msisdn })).json()).toEqual({ revoked: 0 });
  });

  it("npm run admin -- revoke ends them too", async () => {
    const session = await signInOn("b", TWO.msisdn);
    const { stdout } = await adminCli("revoke", TWO.msisdn);
    expect(JSON.parse(stdout)).toEqual({ revoked: 2 }); // this one and the one from the test before
    expect((await session.get("/session", json)).status).toBe(401);
  });
});

describe("service switches across instances", () => {
  it("a pause through A stops the service's rules on B (503 service_paused, Retry-After, no upstream call), then a resume", async () => {
    const onB = await signInOn("b", ONE.msisdn);
    expect((await onB.api("GET", "/tax-payer-obligations")).status).toBe(200);
    const { stdout } = await adminCli("pause", "returns");
    expect(JSON.parse(stdout)).toEqual({ paused: ["returns"] });
    await sleep(1_200); // B's one-second cache
    upstream.clearReceived();
    const paused = await onB.api("GET", "/tax-payer-obligations");
    expect(paused.status).toBe(503);
    expect(paused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await paused.json()).error).toBe("service_paused");
    expect(upstream.receivedOn("/api/ussd/tax-payer-obligations")).toEqual([]);
    expect((await onB.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } })).status).toBe(200);
    expect(await (await onB.get("/session", json)).json()).toMatchObject({ paused: ["returns"] });

    const page = await (await onB.get("/returns")).text();
    expect(page).toContain("This service is paused for now. Please try again later.");
    const swahili = await (await onB.get("/returns", { headers: { cookie: `__Host-session=${onB.sessionId}; lang=sw` } })).text();
    expect(swahili).toContain("Huduma hii imesitishwa kwa sasa.");
    const home = await (await onB.get("/")).text();
    expect(home).toContain('data-testid="service-unavailable"');
    expect(home).not.toContain('href="/returns"');
    expect(home).toContain('href="/sales-invoice"');

    expect(JSON.parse((await adminCli("resume", "returns")).stdout)).toEqual({ paused: [] });
    await sleep(1_200);
    expect((await onB.api("GET", "/tax-payer-obligations")).status).toBe(200);
  });

  it("sets the whole list with { paused: [...] }", async () => {
    const response = await adminCall(admin.b, "POST", "/admin/services", { paused: ["payments", "etims"] });
    expect(await response.json()).toEqual({ paused: ["etims", "payments"] });
    await sleep(1_200);
    const onA = await signInOn("a", TWO.msisdn);
    expect((await onA.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } })).status).toBe(503);
    expect(await (await adminCall(admin.a, "POST", "/admin/services", { paused: [] })).json()).toEqual({ paused: [] });
  });
});

describe("metrics", () => {
  it("serves Prometheus text with the gateway's metrics, bounded labels and the process metrics", async () => {
    const response = await adminCall(admin.b, "GET", "/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    for (const name of [
      "gateway_requests_total", "gateway_request_duration_seconds_bucket", "gateway_upstream_duration_seconds_bucket",
      "gateway_sessions_created_total", "gateway_otp_checks_total", "process_cpu_user_seconds_total", "nodejs_heap_size_total_bytes",
    ]) expect(text).toContain(name);
    expect(text).toMatch(/gateway_requests_total\{route="returns.obligations",status="503"\} \d+/);
    expect(text).toMatch(/gateway_sessions_created_total\{mode="otp"\} \d+/);
    expect(text).toMatch(/gateway_otp_checks_total\{outcome="right"\} \d+/);
    // Labels are rule ids, route names and codes: never a number or a client's path.
    expect(text).not.toMatch(/2547\d{8}|route="\/api\//);
    if (process.env.METRICS_SAMPLE) writeFileSync(process.env.METRICS_SAMPLE, text); // for a release note
  });
});

// The servers compared, each started fresh per round, and the cases each one serves.
import { randomBytes } from "node:crypto";
import { createSignedLink } from "../../server/utils/signed-link";
import { GatewayClient, SESSION_COOKIE } from "../support/client";
import { freePort, NODE_SERVER, ROOT } from "../support/gateway";
import { GENEROUS_RATE_LIMITS } from "../support/stack";
import { startNginx, type ForwardTarget } from "./nginx";
import { NITRO_REF_SERVER } from "./nitro-ref/build";
import { startServer, startUpstreamProcess, type Proc, type ServerProc } from "./processes";
import type { LoadOptions } from "./wrk";

export interface Setup extends ForwardTarget { linkSecret: string; encryptionKey: string }

/**
 * The simulated upstream every contender talks to (fast mode, direct identity) and the setup they share: its
 * API key, the token its /init answers (the references send it as the gateway would), fresh gateway secrets.
 */
export async function startBenchUpstream(): Promise<{ upstream: Proc; setup: Setup }> {
  const apiKey = randomBytes(16).toString("hex");
  // The references send the token of this one /init for the whole run, which outlasts the simulator's default 10 minutes.
  const upstream = await startUpstreamProcess(["--fast", "--direct", "--api-key", apiKey, "--token-ttl", String(24 * 60 * 60)]);
  try {
    const init = await fetch(`${upstream.url}/api/ussd/init`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"msisdn":"254700000001"}' });
    const { token } = await init.json();
    const secrets = { linkSecret: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("hex") };
    return { upstream, setup: { origin: upstream.url, apiKey, token, ...secrets } };
  } catch (error) {
    await upstream.stop();
    throw error;
  }
}

export interface Case { name: string; url: string; load: Partial<LoadOptions> }
export interface Running { proc: ServerProc; cases: Case[] }
export interface Contender { name: string; start(setup: Setup, nodeArgs?: string[], server?: string): Promise<Running> }

const HONO_REF_SERVER = `${ROOT}tests/bench/hono-ref/proxy.ts`;

export const CASES = ["GET 1 KB", "GET 20 KB", "POST 1 KB (schema)"] as const;
const MSISDN = "254700000001";
const PAGE_SIZES = { "GET 1 KB": 1, "GET 20 KB": 20 }; // simulator entries: real listing shape, 1000 bytes each
const JSON_TYPE = { "content-type": "application/json" };
export const POST_BODY = JSON.stringify({
  customer_pin: "A000000008H", customer_name: "KRA USSD USER ETIMS", total_amount: 1000,
  items: Array.from({ length: 8 }, (_, i) => ({ item_name: `Benchmark item number ${i + 1} with a description`, taxable_amount: 25, quantity: 5 })),
});

/** The gateway's environment: the simulator in direct identity mode, limits out of the way. */
export function gatewayEnv(setup: Setup, origin: string): Record<string, string> {
  const ussd = `${setup.origin}/api/ussd`;
  return {
    ...GENEROUS_RATE_LIMITS,
    NITRO_IDENTITY_BASE_URL: ussd, NITRO_UPSTREAM_BASE_URL: ussd, NITRO_DOCUMENTS_BASE_URL: setup.origin,
    NITRO_UPSTREAM_API_KEY: setup.apiKey, NITRO_PUBLIC_ORIGIN: origin, NITRO_IDENTITY_MODE: "direct",
    NITRO_ENTRY_LINK_SECRET: setup.linkSecret, NITRO_SESSION_ENCRYPTION_KEY: setup.encryptionKey,
  };
}

async function signIn(url: string, origin: string, secret: string): Promise<string> {
  const client = new GatewayClient(url, origin);
  const link = await createSignedLink({ secret, publicOrigin: origin, phone: MSISDN });
  const response = await client.enter(Object.fromEntries(new URL(link).searchParams));
  if (response.status !== 303 || !client.sessionId) throw new Error(`entry failed: ${response.status}`);
  return `${SESSION_COOKIE}=${client.sessionId}`;
}

/** The built gateway, signed in: every proxied call carries the session, passes rule, schemas, policies and logs a line. */
export const gateway: Contender = {
  name: "gateway",
  async start(setup, nodeArgs = [], server = NODE_SERVER) {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const proc = await startServer({ command: process.execPath, args: [...nodeArgs, server], env: gatewayEnv(setup, origin), port });
    const cookie = await signIn(proc.url, origin, setup.linkSecret);
    const list = (pageSize: number) => `${proc.url}/api/buyer-initiated/fetch?page_size=${pageSize}`;
    return {
      proc,
      cases: [
        { name: CASES[0], url: list(PAGE_SIZES["GET 1 KB"]), load: { headers: { cookie } } },
        { name: CASES[1], url: list(PAGE_SIZES["GET 20 KB"]), load: { headers: { cookie } } },
        { name: CASES[2], url: `${proc.url}/api/post-sale`, load: { method: "POST", body: POST_BODY, headers: { ...JSON_TYPE, cookie, origin, "x-csrf": "1" } } },
      ],
    };
  },
};

/** A reference forwards the upstream path as asked, adding the token and API key itself. */
function referenceCases(url: string): Case[] {
  const list = (pageSize: number) => `${url}/api/ussd/buyer-initiated/fetch/${MSISDN}?page_size=${pageSize}`;
  return [
    { name: CASES[0], url: list(PAGE_SIZES["GET 1 KB"]), load: {} },
    { name: CASES[1], url: list(PAGE_SIZES["GET 20 KB"]), load: {} },
  ];
}

/**
 * The reference handler; `reencode` makes it parse and re-encode each answer (the floor of a JSON response policy),
 * `batch` send its upstream requests from a setImmediate, as the gateway does.
 */
function nitroReference(name: string, reencode: boolean, batch = false): Contender {
  return {
    name,
    async start(setup, nodeArgs = []) {
      const env = {
        REF_UPSTREAM_ORIGIN: setup.origin, REF_UPSTREAM_TOKEN: setup.token, REF_UPSTREAM_API_KEY: setup.apiKey,
        REF_REENCODE: reencode ? "1" : "0", REF_BATCH: batch ? "1" : "0",
      };
      const proc = await startServer({ command: process.execPath, args: [...nodeArgs, NITRO_REF_SERVER], env, port: await freePort() });
      return { proc, cases: referenceCases(proc.url) };
    },
  };
}

export const nitroRef = nitroReference("nitro-ref", false);
export const nitroRefJson = nitroReference("nitro-ref+json", true);
export const nitroRefJsonBatched = nitroReference("nitro-ref+json+batch", true, true);

/** Hono 4 + `hono/proxy` (tests/bench/hono-ref/proxy.ts), run from source through tsx's loader (load time only). */
export const honoProxy: Contender = {
  name: "hono-proxy",
  async start(setup, nodeArgs = []) {
    const env = { REF_UPSTREAM_ORIGIN: setup.origin, REF_UPSTREAM_TOKEN: setup.token, REF_UPSTREAM_API_KEY: setup.apiKey };
    const proc = await startServer({ command: process.execPath, args: [...nodeArgs, "--import", "tsx", HONO_REF_SERVER], env, port: await freePort() });
    return { proc, cases: referenceCases(proc.url) };
  },
};

export const nginx: Contender = {
  name: "nginx",
  async start(setup) {
    const proc = await startNginx(setup, await freePort());
    return { proc, cases: referenceCases(proc.url) };
  },
};

export const CONTENDERS = [gateway, nitroRef, nitroRefJson, nitroRefJsonBatched, honoProxy, nginx];

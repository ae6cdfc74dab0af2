// npm run bench — the gateway against the physical limit of this machine, side by side in one run.
// Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 5), BENCH_CONNECTIONS (50).
import { randomBytes } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { createSignedLink } from "../../server/utils/signed-link";
import { GatewayClient } from "../support/client";
import { freePort, ROOT } from "../support/gateway";
import { buildIfNeeded } from "../tools/build-if-needed";
import { runAutocannon, runEntryLoad, startGatewayProcess, startUpstreamProcess, type LoadResult } from "./processes";
import { median, spread } from "./stats";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const API_KEY = randomBytes(16).toString("hex");
const SECRET = randomBytes(32).toString("base64url");
const ENCRYPTION_KEY = randomBytes(32).toString("hex");
const POST_BODY = JSON.stringify({
  customer_pin: "A000000008H", customer_name: "KRA USSD USER ETIMS", total_amount: 1000,
  items: Array.from({ length: 8 }, (_, i) => ({ item_name: `Benchmark item number ${i + 1} with a description`, taxable_amount: 25, quantity: 5 })),
});

async function main(): Promise<void> {
  buildIfNeeded();
  const upstream = await startUpstreamProcess(["--fast", "--direct", "--api-key", API_KEY]);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env = gatewayEnv(upstream.url, origin);
  const coldStarts = await measureColdStarts(env);
  const gateway = await startGatewayProcess(env, port);
  const cookie = `__Host-session=${await signIn(gateway.url, origin)}`;
  const token = await directToken(upstream.url);
  const scenarios = defineScenarios(upstream.url, gateway.url, cookie, token, origin);
  const results = await runRounds(scenarios);
  const entries = await measureEntries(gateway.url, origin);
  const peakRssMb = gateway.peakRssKb() / 1024;
  await gateway.stop();
  const memory = await measureSessionMemory(env, origin);
  await upstream.stop();
  report({ results, entries, coldStarts, peakRssMb, memory });
}

function gatewayEnv(upstreamUrl: string, origin: string): Record<string, string> {
  const limit = "100000000/60";
  return {
    NITRO_IDENTITY_BASE_URL: `${upstreamUrl}/api/ussd`, NITRO_UPSTREAM_BASE_URL: `${upstreamUrl}/api/ussd`,
    NITRO_DOCUMENTS_BASE_URL: upstreamUrl, NITRO_UPSTREAM_API_KEY: API_KEY, NITRO_PUBLIC_ORIGIN: origin,
    NITRO_IDENTITY_MODE: "direct", NITRO_ENTRY_LINK_SECRET: SECRET, NITRO_SESSION_MAX_ENTRIES: "200000",
    NITRO_SESSION_ENCRYPTION_KEY: ENCRYPTION_KEY,
    NITRO_RATE_LIMIT_ENTRY_IP: limit, NITRO_RATE_LIMIT_ENTRY_MSISDN: limit, NITRO_RATE_LIMIT_OTP_SEND_MSISDN: limit,
    NITRO_RATE_LIMIT_OTP_VERIFY_IP: limit, NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: limit,
  };
}

async function signIn(url: string, origin: string): Promise<string> {
  const client = new GatewayClient(url, origin);
  const link = await createSignedLink({ secret: SECRET, publicOrigin: origin, phone: "254700000001" });
  const response = await client.enter(Object.fromEntries(new URL(link).searchParams));
  if (response.status !== 303 || !client.sessionId) throw new Error(`entry failed: ${response.status}`);
  return client.sessionId;
}

/** A token for the direct POST baseline: the simulator's /init answers one in direct mode. */
async function directToken(upstreamUrl: string): Promise<string> {
  const response = await fetch(`${upstreamUrl}/api/ussd/init`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"msisdn":"254700000001"}' });
  return (await response.json()).token;
}

interface Scenario { name: string; pair: string; direct: boolean; run(): Promise<LoadResult> }

function defineScenarios(upstreamUrl: string, gatewayUrl: string, cookie: string, token: string, origin: string): Scenario[] {
  const load = (url: string, options: Parameters<typeof runAutocannon>[1] extends infer O ? Partial<O> : never) =>
    () => runAutocannon(url, { seconds: SECONDS, connections: CONNECTIONS, ...options });
  const json = { "content-type": "application/json" };
  return [
    { name: "direct GET 1 KB", pair: "GET 1 KB", direct: true, run: load(`${upstreamUrl}/bench/direct?bytes=1084`, {}) },
    { name: "gateway GET 1 KB", pair: "GET 1 KB", direct: false, run: load(`${gatewayUrl}/api/buyer-initiated/fetch?page_size=5`, { headers: { cookie } }) },
    { name: "direct GET 20 KB", pair: "GET 20 KB", direct: true, run: load(`${upstreamUrl}/bench/direct?bytes=20084`, {}) },
    { name: "gateway GET 20 KB", pair: "GET 20 KB", direct: false, run: load(`${gatewayUrl}/api/buyer-initiated/fetch?page_size=100`, { headers: { cookie } }) },
    {
      name: "direct POST 1 KB", pair: "POST 1 KB", direct: true,
      run: load(`${upstreamUrl}/api/ussd/post-sale`, { method: "POST", body: POST_BODY, headers: { ...json, authorization: `Bearer ${token}`, "x-api-key": API_KEY } }),
    },
    {
      name: "gateway POST 1 KB (schema)", pair: "POST 1 KB", direct: false,
      run: load(`${gatewayUrl}/api/post-sale`, { method: "POST", body: POST_BODY, headers: { ...json, cookie, origin, "x-csrf": "1" } }),
    },
  ];
}

/** Interleaved rounds: every scenario once per round, so drift on a shared machine hits all alike. */
async function runRounds(scenarios: Scenario[]): Promise<Map<Scenario, LoadResult[]>> {
  const results = new Map(scenarios.map((scenario) => [scenario, [] as LoadResult[]]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const scenario of scenarios) {
      const result = await scenario.run();
      if (result.non2xx || result.errors) throw new Error(`${scenario.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      results.get(scenario)!.push(result);
      process.stderr.write(`round ${round} ${scenario.name}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms\n`);
    }
  }
  return results;
}

async function measureEntries(url: string, origin: string): Promise<LoadResult[]> {
  const rounds: LoadResult[] = [];
  for (let round = 0; round < Math.min(ROUNDS, 3); round++) {
    const result = await runEntryLoad({ url, origin, secret: SECRET, seconds: SECONDS, connections: CONNECTIONS });
    if (result.non2xx || result.errors) throw new Error(`entry: ${result.non2xx} non-303, ${result.errors} errors`);
    rounds.push(result);
    process.stderr.write(`entry round ${round + 1}: ${Math.round(result.rps)} sessions/s\n`);
  }
  return rounds;
}

/** Cold start: process spawn to the first 200 on /healthz. */
async function measureColdStarts(env: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const gateway = await startGatewayProcess(env, await freePort());
    times.push(gateway.startedInMs);
    await gateway.stop();
  }
  return times;
}

async function measureSessionMemory(env: Record<string, string>, origin: string): Promise<{ idleMb: number; liveMb: number; sessions: number }> {
  const port = await freePort();
  const gateway = await startGatewayProcess({ ...env, NITRO_PUBLIC_ORIGIN: origin.replace(/\d+$/, String(port)) }, port);
  await fetch(`${gateway.url}/healthz`);
  const idleMb = gateway.rssKb() / 1024;
  const result = await runEntryLoad({ url: gateway.url, origin: origin.replace(/\d+$/, String(port)), secret: SECRET, amount: 100_000, connections: CONNECTIONS });
  if (result.non2xx || result.errors) throw new Error(`100k sessions: ${result.non2xx} non-303`);
  const liveMb = gateway.rssKb() / 1024;
  await gateway.stop();
  return { idleMb, liveMb, sessions: result.requests };
}

interface Report {
  results: Map<Scenario, LoadResult[]>; entries: LoadResult[]; coldStarts: number[]; peakRssMb: number;
  memory: { idleMb: number; liveMb: number; sessions: number };
}

function report(data: Report): void {
  const rows = [...data.results].map(([scenario, runs]) => {
    const rps = median(runs.map((r) => r.rps));
    const p99 = median(runs.map((r) => r.p99));
    const direct = [...data.results].find(([other]) => other.direct && other.pair === scenario.pair)!;
    const ratio = scenario.direct ? "" : (rps / median(direct[1].map((r) => r.rps))).toFixed(2);
    const p99Ratio = scenario.direct ? "" : (p99 / median(direct[1].map((r) => r.p99))).toFixed(2);
    return `| ${scenario.name} | ${Math.round(rps)} | ±${spread(runs.map((r) => r.rps))}% | ${median(runs.map((r) => r.p50))} | ${p99} | ${ratio} | ${p99Ratio} |`;
  });
  const entryRate = median(data.entries.map((r) => r.rps));
  const versions = ["nitropack", "h3", "vinxi", "@solidjs/start", "undici", "autocannon"]
    .map((name) => `${name} ${JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, "utf8")).version}`).join(", ");
  const markdown = [
    "# Benchmark results", "",
    `Measured ${new Date().toISOString()} by \`npm run bench\`: ${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians (± is half the range of the rounds as a % of the median).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${versions}.`,
    "Load generator (autocannon), simulated upstream and gateway all on this machine and loopback; the gateway logs every request (to /dev/null).", "",
    "| scenario | req/s | spread | p50 ms | p99 ms | ÷ direct (req/s) | ÷ direct (p99) |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    `| session creation (POST /entry, direct mode, signed links) | ${Math.round(entryRate)} | ±${spread(data.entries.map((r) => r.rps))}% | ${median(data.entries.map((r) => r.p50))} | ${median(data.entries.map((r) => r.p99))} | | |`,
    "",
    `- Cold start to the first 200 on /healthz: median ${Math.round(median(data.coldStarts))} ms (${data.coldStarts.map(Math.round).join(", ")} ms).`,
    `- Peak RSS of the gateway during the run: ${data.peakRssMb.toFixed(0)} MB.`,
    `- RSS with ${data.memory.sessions.toLocaleString("en")} live sessions in the memory store: ${data.memory.liveMb.toFixed(0)} MB (idle ${data.memory.idleMb.toFixed(0)} MB; ≈${Math.round(((data.memory.liveMb - data.memory.idleMb) * 1024 * 1024) / data.memory.sessions)} bytes a session).`,
    "",
  ].join("\n");
  process.stdout.write(`\n${markdown}`);
  writeFileSync(`${ROOT}tests/bench/RESULTS.md`, markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

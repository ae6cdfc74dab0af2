import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ROUTES } from "../../server/features/admin";
import { loadGatewayConfig } from "../../server/utils/config";
import { TEST_TAXPAYERS } from "../upstream";
import { adminCall, adminEnv, adminReady } from "../support/admin";
import { startStack, type Stack } from "../support/stack";

// Issue 18, item 8 (and item 11's admin property): the admin token may do everything, the metrics token
// (NITRO_METRICS_TOKEN) only scrape; on every admin route a refused call changes nothing, and refused
// calls are audited at most once per address per minute.
const [ONE] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
let stack: Stack;
let admin: Awaited<ReturnType<typeof adminEnv>>;
const metricsToken = randomBytes(32).toString("base64url");

/** A body each admin route accepts, and how to see that it did something. */
const ROUTE_CASES: Record<string, { body?: unknown; changed: () => Promise<boolean> }> = {
  "GET /metrics": { changed: async () => false },
  "POST /admin/sessions/revoke": {
    body: { msisdn: ONE.msisdn },
    changed: async () => (await signedIn!.get("/session", json)).status !== 200,
  },
  "POST /admin/services": {
    body: { pause: ["checkers"] },
    changed: async () => {
      const view = await (await (await stack.signIn(ONE.msisdn)).get("/session", json)).json();
      return (view as { paused: string[] }).paused.includes("checkers");
    },
  },
};
let signedIn: Awaited<ReturnType<Stack["signIn"]>> | undefined;

beforeAll(async () => {
  admin = await adminEnv();
  stack = await startStack({ env: { ...admin, NITRO_METRICS_TOKEN: metricsToken } });
  await adminReady(stack.gateway);
  signedIn = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());

const auditLines = () => stack.gateway.logLines().filter((line) => line.type === "audit" && line.event === "admin.call");

it("every admin route has a case here (a new one must say what the metrics token may do)", () => {
  expect(ADMIN_ROUTES.map(({ route }) => route).sort()).toEqual(Object.keys(ROUTE_CASES).sort());
  expect(ADMIN_ROUTES.filter(({ scrape }) => scrape).map(({ route }) => route)).toEqual(["GET /metrics"]);
});

describe.each(ADMIN_ROUTES.map(({ route, scrape }) => [route, scrape] as const))("%s", (route, scrape) => {
  const [method, path] = route.split(" ");

  it("without a token, with a wrong one, or with the metrics token where it may not: refused and nothing changes", async () => {
    const refusals: [string | null, number, string][] = [[null, 401, "unauthorized"], ["wrong-token", 401, "unauthorized"], [admin.NITRO_ADMIN_TOKEN.slice(1), 401, "unauthorized"]];
    if (!scrape) refusals.push([metricsToken, 403, "forbidden"]);
    for (const [token, status, error] of refusals) {
      const response = await adminCall(admin, method, path, ROUTE_CASES[route].body, token);
      expect([route, token?.slice(0, 4), response.status, ((await response.json()) as { error: string }).error]).toEqual([route, token?.slice(0, 4), status, error]);
      expect([route, await ROUTE_CASES[route].changed()]).toEqual([route, false]);
    }
  });

  it(scrape ? "the metrics token and the admin token may call it" : "the admin token may call it", async () => {
    if (scrape) {
      const scraped = await adminCall(admin, method, path, undefined, metricsToken);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("gateway_");
    }
    const answer = await adminCall(admin, method, path, ROUTE_CASES[route].body);
    expect(answer.status).toBe(200);
  });
});

it("unauthenticated calls are audited at most once per address per minute", async () => {
  const before = auditLines().filter((line) => line.status === 401).length;
  for (let i = 0; i < 20; i++) await adminCall(admin, "POST", "/admin/services", { pause: ["returns"] }, `guess-${i}`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(auditLines().filter((line) => line.status === 401).length - before).toBeLessThanOrEqual(1);
});

it("a metrics token equal to the admin token, or short, is refused at start, naming the variable", () => {
  const valid = {
    NITRO_IDENTITY_BASE_URL: "http://127.0.0.1:9/api/ussd", NITRO_UPSTREAM_BASE_URL: "http://127.0.0.1:9/api/ussd",
    NITRO_UPSTREAM_API_KEY: "k".repeat(24), NITRO_PUBLIC_ORIGIN: "http://localhost:3000", NITRO_ENTRY_LINK_SECRET: "l".repeat(32),
    NITRO_SESSION_ENCRYPTION_KEY: "e".repeat(64), ...admin,
  };
  expect(loadGatewayConfig({ ...valid, NITRO_METRICS_TOKEN: metricsToken }).admin?.metricsToken).toBe(metricsToken);
  for (const bad of [admin.NITRO_ADMIN_TOKEN, "short-token"]) {
    expect(() => loadGatewayConfig({ ...valid, NITRO_METRICS_TOKEN: bad })).toThrow(/NITRO_METRICS_TOKEN/);
  }
});

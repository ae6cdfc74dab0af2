import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTHER_PARTIES, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Lookups reveal other taxpayers' names and PINs: per-session and per-number limits.
const [ONE, TWO] = TEST_TAXPAYERS;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_RATE_LIMIT_LOOKUP_SESSION: "3/60", NITRO_RATE_LIMIT_LOOKUP_MSISDN: "5/60" } });
});
afterAll(() => stack?.stop());

const lookup = (client: GatewayClient, index: number) =>
  client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: `1${String(index).padStart(7, "0")}` } });
const lookupCalls = () => stack.upstream.receivedOn("/api/ussd/buyer-initiated/lookup").length;

// A sliding window may ask for up to window × (1 + 1/limit): here 60 s × (1 + 1/3) = 80 s.
async function expectLimited(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(80);
  expect(await response.json()).toMatchObject({ error: "rate_limited", retryAfter });
}

describe("lookup limits", () => {
  it("limits one session, then one number across its sessions, without calling the upstream", async () => {
    const first = await stack.signIn(ONE.msisdn);
    for (let i = 0; i < 3; i++) expect([200, 422]).toContain((await lookup(first, i)).status);
    stack.upstream.clearReceived();
    await expectLimited(await lookup(first, 3));
    expect(lookupCalls()).toBe(0);

    const second = await stack.signIn(ONE.msisdn);
    for (let i = 0; i < 2; i++) expect([200, 422]).toContain((await lookup(second, 10 + i)).status);
    stack.upstream.clearReceived();
    await expectLimited(await lookup(second, 12));
    expect(lookupCalls()).toBe(0);
  });

  it("counts each number apart, and leaves other rules alone", async () => {
    const other = await stack.signIn(TWO.msisdn);
    expect((await other.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: OTHER_PARTIES[0].pin } })).status).toBe(200);
    const limited = await stack.signIn(ONE.msisdn);
    expect((await limited.api("GET", "/buyer-initiated/fetch")).status).toBe(404); // reached: the empty list
  });
});

describe("daily lookup caps", () => {
  let daily: Stack;
  beforeAll(async () => {
    daily = await startStack({ env: { NITRO_RATE_LIMIT_LOOKUP_SESSION_DAILY: "2/86400", NITRO_RATE_LIMIT_LOOKUP_MSISDN_DAILY: "3/86400" } });
  });
  afterAll(() => daily?.stop());

  it("cap a session, then its number across sessions, for the day, without calling the upstream", async () => {
    const first = await daily.signIn(ONE.msisdn);
    for (let i = 0; i < 2; i++) expect([200, 422]).toContain((await lookup(first, i)).status);
    const refused = await lookup(first, 2);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const second = await daily.signIn(ONE.msisdn);
    expect([200, 422]).toContain((await lookup(second, 3)).status);
    daily.upstream.clearReceived();
    expect((await lookup(second, 4)).status).toBe(429);
    expect(daily.upstream.receivedOn("/api/ussd/buyer-initiated/lookup")).toHaveLength(0);
  });
});

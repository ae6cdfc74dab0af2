import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Checkers look up other people's records: 20 a minute per session (the default), and here a
// day's allowance per number of 30 (the default is 200) so the test can reach it.
const [ONE, TWO, , FOUR] = TEST_TAXPAYERS;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    env: {
      NITRO_RATE_LIMIT_CHECKER_SESSION: "20/60",
      NITRO_RATE_LIMIT_CHECKER_MSISDN_DAILY: "30/86400",
    },
  });
});
afterAll(() => stack?.stop());

const check = (client: GatewayClient) => client.api("GET", `/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin}`);
const checkerCalls = () => stack.upstream.receivedOn("/api/taxpayer/").length;

async function expectLimited(response: Response, maxSeconds: number) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(await response.json()).toMatchObject({ error: "rate_limited", retryAfter });
}

describe("checker limits", () => {
  it("20 a minute per session, then 429 with Retry-After and no upstream call", async () => {
    const first = await stack.signIn(ONE.msisdn);
    for (let i = 0; i < 20; i++) expect((await check(first)).status).toBe(200);
    stack.upstream.clearReceived();
    await expectLimited(await check(first), 63); // sliding window: at most 60 s × (1 + 1/20)
    await expectLimited(await first.api("GET", "/taxpayer/staff-checker?national_id=20000001"), 63); // every checker counts
    expect(checkerCalls()).toBe(0);
  });

  it("a day's allowance per number, across the number's sessions", async () => {
    const second = await stack.signIn(ONE.msisdn);
    for (let i = 0; i < 10; i++) expect((await check(second)).status).toBe(200);
    stack.upstream.clearReceived();
    await expectLimited(await check(second), 86_400 * 2);
    expect(checkerCalls()).toBe(0);
  });

  it("counts each number apart, and leaves other rules alone", async () => {
    expect((await check(await stack.signIn(TWO.msisdn))).status).toBe(200);
    const limited = await stack.signIn(ONE.msisdn);
    expect((await limited.api("GET", "/buyer-initiated/fetch")).status).toBe(404); // reached: the empty list
    const applicant = await stack.signIn(FOUR.msisdn);
    expect((await applicant.api("POST", "/tcc-application", { json: { reason_for_tcc: "TENDER" } })).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";

const [ONE, TWO, THREE] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Sliding window: a full window's hits still weigh on the next one, so with n/60 (n ≥ 2) the
// wait can reach 60 s × (1 + 1/n) ≤ 90 s (the hits decay linearly through the following window).
async function expectLimited(response: Response, longestWait = 90) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(longestWait);
  const body = await response.json();
  expect(body).toMatchObject({ error: "rate_limited", retryAfter });
}

describe("rate limits per client address", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_ENTRY_IP: "3/60" } });
  });
  afterAll(() => stack?.stop());

  it("limits entries from one address, and a spoofed X-Forwarded-For does not reset the count", async () => {
    for (let i = 0; i < 3; i++) expect((await stack.client().enter(await stack.signedLink(ONE.msisdn))).status).toBe(303);
    stack.upstream.clearReceived();
    const spoofed = { headers: { accept: "application/json", "x-forwarded-for": `10.0.0.${Math.floor(Math.random() * 200)}` } };
    await expectLimited(await stack.client().enter(await stack.signedLink(TWO.msisdn), spoofed));
    expect(stack.upstream.received).toEqual([]);
  });
});

describe("rate limits behind a trusted proxy", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_ENTRY_IP: "2/60", NITRO_TRUST_PROXY_HOPS: "1" } });
  });
  afterAll(() => stack?.stop());

  it("counts per client address given by the load balancer", async () => {
    const from = (ip: string) => ({ headers: { "x-forwarded-for": `203.0.113.9, ${ip}` } });
    for (let i = 0; i < 2; i++) expect((await stack.client().enter(await stack.signedLink(ONE.msisdn), from("198.51.100.1"))).status).toBe(303);
    expect((await stack.client().enter(await stack.signedLink(ONE.msisdn), from("198.51.100.1"))).status).toBe(429);
    expect((await stack.client().enter(await stack.signedLink(ONE.msisdn), from("198.51.100.2"))).status).toBe(303);
  });
});

describe("rate limits per number", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        NITRO_RATE_LIMIT_ENTRY_MSISDN: "2/60",
        NITRO_RATE_LIMIT_OTP_SEND_MSISDN: "2/60",
        NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: "3/60",
        NITRO_OTP_MAX_ATTEMPTS: "20",
      },
    });
  });
  afterAll(() => stack?.stop());

  it("limits entries for one number without affecting another", async () => {
    for (let i = 0; i < 2; i++) expect((await stack.client().enter(await stack.signedLink(ONE.msisdn))).status).toBe(303);
    stack.upstream.clearReceived();
    await expectLimited(await stack.client().enter(await stack.signedLink(ONE.msisdn), json));
    expect(stack.upstream.received).toEqual([]);
    expect((await stack.client().enter(await stack.signedLink(TWO.msisdn))).status).toBe(303);
  });

  it("limits OTP sends (entry and resend) per number", async () => {
    const client = stack.client();
    expect((await client.enter(await stack.signedLink(THREE.msisdn))).status).toBe(303);
    expect((await client.post("/session/otp/resend", json)).status).toBe(204);
    stack.upstream.clearReceived();
    await expectLimited(await client.post("/session/otp/resend", json));
    expect(stack.upstream.received).toEqual([]);
  });

  it("limits OTP guesses per number across sessions", async () => {
    const guesses = async (client: ReturnType<Stack["client"]>) =>
      (await client.post("/session/otp", { json: { otp: "NOPE00" }, ...json })).status;
    const first = stack.client();
    await first.enter(await stack.signedLink(TWO.msisdn));
    expect([await guesses(first), await guesses(first), await guesses(first)]).toEqual([400, 400, 400]);
    stack.upstream.clearReceived();
    await expectLimited(await first.post("/session/otp", { json: { otp: "NOPE00" }, ...json }));
    expect(stack.upstream.receivedOn("/api/ussd/validate-otp")).toEqual([]);
  });
});

describe("a sliding window", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_ENTRY_IP: "4/10" } });
  });
  afterAll(() => stack?.stop());

  it("still limits a burst that straddles a window boundary, and Retry-After says when the next entry fits", async () => {
    // Start the burst 8 s into a 10 s window (the store's windows are aligned to the clock).
    await sleep((18_000 - (Date.now() % 10_000)) % 10_000);
    for (let i = 0; i < 4; i++) expect((await stack.client().enter(await stack.signedLink(ONE.msisdn))).status).toBe(303);
    await sleep(10_300 - (Date.now() % 10_000)); // just past the boundary: a fixed window would start again at 0
    const limited = await stack.client().enter(await stack.signedLink(ONE.msisdn), json);
    await expectLimited(limited, 10);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect((await stack.client().enter(await stack.signedLink(ONE.msisdn), json)).status).toBe(429);
    await sleep(retryAfter * 1000 + 200);
    expect((await stack.client().enter(await stack.signedLink(ONE.msisdn))).status).toBe(303);
  }, 40_000);
});

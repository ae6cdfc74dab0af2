import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP, startStack, type Stack } from "../support/stack";

const [ONE, TWO, THREE, FOUR, FIVE] = TEST_TAXPAYERS;
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

});

// Hour-long windows: the counters are aligned to the clock, and a minute boundary
// crossed mid-test would reset them (an hour boundary is 60 times less likely).
describe("OTP guesses", () => {
  const guess = (client: ReturnType<Stack["client"]>, otp = "NOPE00", from?: string) =>
    client.post("/session/otp", { json: { otp }, headers: { accept: "application/json", ...(from ? { "x-forwarded-for": from } : {}) } });
  const expectRefused = async (response: Response) => {
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: "rate_limited" });
  };

  describe("per number", () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ env: { NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: "3/3600", NITRO_OTP_MAX_ATTEMPTS: "20" } });
    });
    afterAll(() => stack?.stop());

    it("limits OTP guesses per number across sessions", async () => {
      const sessions = [stack.client(), stack.client(), stack.client()];
      for (const client of sessions) expect((await client.enter(await stack.signedLink(TWO.msisdn))).status).toBe(303);
      for (const client of sessions) expect((await guess(client)).status).toBe(400);
      stack.upstream.clearReceived();
      // Each session has used one guess only: the limit is the number's, not the session's.
      await expectRefused(await guess(sessions[0]));
      await expectRefused(await guess(sessions[2], OTP));
      expect(stack.upstream.receivedOn("/api/ussd/validate-otp")).toEqual([]);
      expect(await (await sessions[2].get("/session")).json()).toMatchObject({ state: "pending_otp" });
    });
  });

  describe("per client address", () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ env: { NITRO_RATE_LIMIT_OTP_VERIFY_IP: "3/3600", NITRO_OTP_MAX_ATTEMPTS: "20", NITRO_TRUST_PROXY_HOPS: "1" } });
    });
    afterAll(() => stack?.stop());

    it("limits OTP guesses per client address across numbers and sessions; another address still guesses", async () => {
      const attacker = "198.51.100.7";
      const numbers = [THREE.msisdn, FOUR.msisdn, FIVE.msisdn, ONE.msisdn];
      const sessions = numbers.map(() => stack.client());
      for (const [i, client] of sessions.entries()) expect((await client.enter(await stack.signedLink(numbers[i]))).status).toBe(303);
      for (const client of sessions.slice(0, 3)) expect((await guess(client, "NOPE00", attacker)).status).toBe(400);
      stack.upstream.clearReceived();
      await expectRefused(await guess(sessions[3], OTP, attacker));
      expect(stack.upstream.receivedOn("/api/ussd/validate-otp")).toEqual([]);
      expect((await guess(sessions[3], OTP, "198.51.100.8")).status).toBe(200);
    });
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

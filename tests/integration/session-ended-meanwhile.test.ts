import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIGNUP_PEOPLE, TEST_TAXPAYERS } from "../upstream";
import { SESSION_COOKIE, type GatewayClient } from "../support/client";
import { OTP, startStack, type Stack } from "../support/stack";

// A session that ends (logout, revocation) while one of its requests waits for a slow upstream
// stays ended: the answer is 401 and the record is not written back or revived under a new id.
const [ONE] = TEST_TAXPAYERS;
const [, , , , NO_PIN, RESIDENT] = SIGNUP_PEOPLE;
const SLOW_MS = 1000;
const json = { headers: { accept: "application/json" } };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());
beforeEach(() => {
  stack.upstream.clearFaults();
  stack.upstream.clearReceived();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const slowDown = (path: string) => stack.upstream.addFault({ fault: { kind: "slow", delayMs: SLOW_MS }, path, times: 2 });
const withCookie = (id: string) => ({ headers: { accept: "application/json", cookie: `${SESSION_COOKIE}=${id}` } });

/** Logs out with `id` while the slow call is under way. */
async function logOutMeanwhile(id: string): Promise<void> {
  await sleep(SLOW_MS / 4);
  const logout = await stack.client().post("/session/logout", withCookie(id));
  expect(logout.status).toBe(204);
}

/** A verified phone whose PIN applicant (a person without a PIN; each registers once) is checked. */
async function applicantOf(msisdn: string, person: typeof NO_PIN): Promise<GatewayClient> {
  const client = stack.client();
  await client.enter(await stack.signedLink(msisdn));
  expect((await client.submitOtp(OTP)).status).toBe(303);
  const applicant = {
    id_number: person.idNumber, yob: person.yob, first_name: person.name.split(" ")[0], type: person.resident ? "resident" : "citizen",
  };
  expect((await client.post("/session/pin/applicant", { ...json, json: applicant })).status).toBe(200);
  return client;
}

describe("a session that ends while its request waits for the upstream", () => {
  it("a logout during the OTP check: the right code no longer signs in, and no new session appears", async () => {
    const client = stack.client();
    await client.enter(await stack.signedLink(ONE.msisdn));
    const pendingId = client.sessionId!;
    slowDown("/api/ussd/validate-otp");
    const [answer] = await Promise.all([client.submitOtp(OTP, json), logOutMeanwhile(pendingId)]);
    expect(answer.status).toBe(401);
    expect((await answer.json()).error).toBe("session_expired");
    expect(client.sessionId).toBeUndefined();
    expect((await stack.client().get("/session", withCookie(pendingId))).status).toBe(401);
  });

  it("a logout during PIN registration: the answer is 401 and the old cookie opens nothing", async () => {
    const client = await applicantOf("254722000051", NO_PIN);
    const id = client.sessionId!;
    slowDown("/api/ussd/pin-registration");
    const [answer] = await Promise.all([
      client.post("/session/pin/register", { ...json, json: { email: "amina@example.com" } }), logOutMeanwhile(id),
    ]);
    expect(answer.status).toBe(401);
    expect((await answer.json()).error).toBe("session_expired");
    expect((await stack.client().get("/session", withCookie(id))).status).toBe(401);
  });

  it("two PIN registrations at once reach KRA once", async () => {
    const client = await applicantOf("254722000052", RESIDENT);
    slowDown("/api/ussd/pin-registration");
    const register = () => client.post("/session/pin/register", { ...json, json: { email: "amina@example.com" } });
    const answers = await Promise.all([register(), register()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(stack.upstream.receivedOn("/api/ussd/pin-registration")).toHaveLength(1);
  });
});

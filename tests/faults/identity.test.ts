import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Fault } from "../upstream";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP, startStack, type Stack } from "../support/stack";

// The identity service failing at entry and at the OTP step: generic errors,
// no session (entry) or the pending session kept (OTP), recovery at once.
const [ONE, TWO] = TEST_TAXPAYERS;
let stack: Stack;
const json = { headers: { accept: "application/json" } };

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_IDENTITY_TIMEOUT_MS: "1000" } });
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearFaults());

const HUGE = 300 * 1024 * 1024;

/** The gateway process's peak resident memory so far (Linux VmHWM), in bytes. */
function peakMemory(): number {
  const status = readFileSync(`/proc/${stack.gateway.process!.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

// First in the file: the peak must not have been raised by an earlier test.
it("a 300 MB answer is refused after 64 KB: the gateway's peak memory barely moves", async () => {
  const before = peakMemory();
  stack.upstream.addFault({ fault: { kind: "huge", bytes: HUGE }, path: "/api/ussd/init" });
  const started = Date.now();
  const refused = await stack.client().enter(await stack.signedLink(ONE.msisdn), json);
  expect(refused.status).toBe(502);
  expect((await refused.json()).error).toBe("identity_unavailable");
  expect(Date.now() - started).toBeLessThan(2500);
  expect(peakMemory() - before).toBeLessThan(32 * 1024 * 1024);
});

const failures: [string, Fault, number, string][] = [
  ["down", { kind: "refuse" }, 502, "identity_unavailable"],
  // undici's headers and body timers restart on every byte: only a total deadline ends this.
  ["dripping one byte every 400 ms", { kind: "drip", intervalMs: 400 }, 504, "identity_timeout"],
  ["answering 300 MB", { kind: "huge", bytes: HUGE }, 502, "identity_unavailable"],
  ["slow", { kind: "slow", delayMs: 10_000 }, 504, "identity_timeout"],
  ["answering HTML 503", { kind: "html503" }, 502, "identity_unavailable"],
];

describe.each(failures)("the identity service %s", (_, fault, status, error) => {
  it("at entry: a generic error and no session; the same link works once it is back", async () => {
    stack.upstream.addFault({ fault, path: "/api/ussd/init" });
    const link = await stack.signedLink(ONE.msisdn);
    const started = Date.now();
    const refused = await stack.client().enter(link, json);
    expect(refused.status).toBe(status);
    expect((await refused.json()).error).toBe(error);
    expect(refused.headers.getSetCookie()).toEqual([]);
    // The timeout is 1 s and the slow answer takes 10 s: well under 10 s proves the gateway
    // gave up by itself, with room for a busy 2-core machine.
    expect(Date.now() - started).toBeLessThan(7000);
    stack.upstream.clearFaults();
    expect((await stack.client().enter(link)).status).toBe(303);
  });

  it("at the OTP step: a generic error, the pending session kept, and the code accepted once it is back", async () => {
    const client = stack.client();
    await client.enter(await stack.signedLink(TWO.msisdn));
    stack.upstream.addFault({ fault, path: "/api/ussd/validate-otp" });
    const refused = await client.post("/session/otp", { json: { otp: OTP }, ...json });
    expect(refused.status).toBe(status);
    expect((await refused.json()).error).toBe(error);
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "pending_otp" });
    stack.upstream.clearFaults();
    expect((await client.post("/session/otp", { json: { otp: OTP }, ...json })).status).toBe(200);
  });
});

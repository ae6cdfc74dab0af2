import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Fault } from "../upstream";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";
import { processUsage, timed } from "./support";

// Every upstream failure fails closed with the documented status, leaks nothing,
// blocks no other request, and is forgotten as soon as the upstream is back.
const [ONE] = TEST_TAXPAYERS;
const TIMEOUT_MS = 1500;
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), NITRO_UPSTREAM_MAX_RESPONSE_BYTES: String(5 * 1024 * 1024) } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearFaults());

const FAULTY_PATH = "/api/ussd/search/credit-note";
const faulty = () => client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } });
// A call with a 200 of its own (code 3), so a refusal by the gateway can never pass for it.
const healthy = () => client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } });
const LEAKS = /HAProxy|Cowboy|Phoenix|Internal Server Error|Service Unavailable|127\.0\.0\.1|ECONN|undici|errors|detail|stack/;

const cases: [string, Fault, number, string][] = [
  ["refusing connections", { kind: "refuse" }, 502, "upstream_unavailable"],
  ["accepting and never answering", { kind: "hang" }, 504, "upstream_timeout"],
  ["resetting mid-body", { kind: "reset", afterBytes: 20 }, 502, "upstream_unavailable"],
  ["answering the HTML 503 page", { kind: "html503" }, 502, "upstream_unavailable"],
  ["answering Phoenix's 500", { kind: "phoenix500" }, 502, "upstream_error"],
  ["answering slowly, byte by byte", { kind: "drip", intervalMs: 200 }, 504, "upstream_timeout"],
  ["answering a 50 MB body", { kind: "huge", bytes: 50 * 1024 * 1024 }, 502, "upstream_error"],
];

describe.each(cases)("the upstream %s", (_, fault, status, error) => {
  it(`answers ${status} ${error} in bounded time, leaks nothing, blocks no one, and recovers`, async () => {
    stack.upstream.addFault({ fault, path: FAULTY_PATH });
    const before = processUsage(stack.gateway);
    const failing = timed(faulty);
    const meanwhile = await timed(healthy);
    expect(meanwhile.value.status).toBe(200); // served while the other call fails
    expect(await meanwhile.value.json()).toMatchObject({ code: 3 });
    // A call queued behind the failing one would wait at least the timeout.
    expect(meanwhile.ms).toBeLessThan(TIMEOUT_MS);
    const { value: response, ms } = await failing;
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error });
    expect(body).not.toMatch(LEAKS);
    // Bounded: the hang and the drip never end by themselves; the bound leaves room for a busy
    // 2-core machine (reading 5 MB of the 50 MB body, other suites running) without being tight.
    expect(ms).toBeLessThan(TIMEOUT_MS + 8000);
    expect(processUsage(stack.gateway).rssMb - before.rssMb).toBeLessThan(40);
    stack.upstream.clearFaults();
    expect((await faulty()).status).toBe(422);
  });
});

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
const healthy = () => client.api("GET", "/buyer-initiated/fetch");
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
    expect(meanwhile.value.status).toBe(404); // the simulator's empty list: served while the other call fails
    expect(meanwhile.ms).toBeLessThan(1000);
    const { value: response, ms } = await failing;
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error });
    expect(body).not.toMatch(LEAKS);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2000);
    expect(processUsage(stack.gateway).rssMb - before.rssMb).toBeLessThan(40);
    stack.upstream.clearFaults();
    expect((await faulty()).status).toBe(422);
  });
});

describe("a storm of faults", () => {
  it("leaks no file descriptors or memory across thousands of faulted requests", async () => {
    const kinds: Fault[] = [{ kind: "refuse" }, { kind: "reset", afterBytes: 5 }, { kind: "html503" }, { kind: "phoenix500" }, { kind: "status", status: 500, body: "x" }];
    const round = async (count: number) => {
      for (let i = 0; i < count; i += 20) {
        stack.upstream.addFault({ fault: kinds[(i / 20) % kinds.length], path: FAULTY_PATH });
        const statuses = await Promise.all(Array.from({ length: 20 }, () => faulty().then((r) => r.text().then(() => r.status))));
        expect(statuses.every((s) => s === 502)).toBe(true);
        stack.upstream.clearFaults();
      }
    };
    // Idle keep-alive sockets (clients', and the pool's to the upstream) close within ~5 s; a leaked one never does.
    const settled = async () => {
      await new Promise((resolve) => setTimeout(resolve, 6000));
      return processUsage(stack.gateway);
    };
    await round(200);
    const warm = await settled();
    await round(1000);
    const middle = await settled();
    await round(1000);
    const after = await settled();
    console.log(`fds ${warm.fds} → ${middle.fds} → ${after.fds}, RSS ${warm.rssMb.toFixed(1)} → ${middle.rssMb.toFixed(1)} → ${after.rssMb.toFixed(1)} MB`);
    // Pools and heaps settle at some size; a leak keeps growing with every thousand failures.
    expect(after.fds - warm.fds).toBeLessThanOrEqual(10);
    expect(after.fds - middle.fds).toBeLessThanOrEqual(5);
    expect(after.rssMb - middle.rssMb).toBeLessThan(20);
    expect((await faulty()).status).toBe(422);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fault } from "../upstream";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";
import { processUsage } from "./support";

// Runs in the "heavy" vitest project (tests/vitest.config.ts): alone, after the others,
// so thousands of requests do not share the cores with timing-sensitive tests.
const [ONE] = TEST_TAXPAYERS;
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_UPSTREAM_TIMEOUT_MS: "1500" } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());

const FAULTY_PATH = "/api/ussd/search/credit-note";
const faulty = () => client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } });

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
    // Warm up past the heap's plateau: on Node 26 RSS settles near 160 MB after about 2000 faulted requests
    // (Node 20: near 120 MB after 1000) and then stays flat; a leak keeps growing after it.
    await round(1200);
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

import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";

const [ONE] = TEST_TAXPAYERS;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const exitOf = (stack: Stack) => new Promise<number | null>((resolve) => stack.gateway.process!.once("exit", resolve));
const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, "127.0.0.1");
  socket.once("connect", () => resolve(!socket.destroy()));
  socket.once("error", () => resolve(false));
});

// Nitro's node-server stops accepting on SIGTERM, lets in-flight requests finish
// within NITRO_SHUTDOWN_TIMEOUT, closes the store, then exits 0.
describe("graceful shutdown on SIGTERM", () => {
  it("finishes a slow proxied request in flight, refuses new connections, exits 0", async () => {
    stack = await startStack({ env: { NITRO_SHUTDOWN_TIMEOUT: "10000" } });
    const client = await stack.signIn(ONE.msisdn);
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 1500 }, path: "/api/ussd/search/credit-note", times: 1 });
    const inFlight = client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = exitOf(stack);
    stack.gateway.process!.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await accepts(stack.gateway.port)).toBe(false);
    const response = await inFlight;
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe(13);
    expect(await exited).toBe(0);
  });

  it("does not wait past its bound for a request that never ends", async () => {
    stack = await startStack({ env: { NITRO_SHUTDOWN_TIMEOUT: "1000", NITRO_UPSTREAM_TIMEOUT_MS: "60000" } });
    const client = await stack.signIn(ONE.msisdn);
    stack.upstream.addFault({ fault: { kind: "hang" }, path: "/api/ussd/search/credit-note" });
    const inFlight = client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } }).catch(() => "cut");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const exited = exitOf(stack);
    stack.gateway.process!.kill("SIGTERM");
    await exited;
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await inFlight).toBe("cut");
  });
});

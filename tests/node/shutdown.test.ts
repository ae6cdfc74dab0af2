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

/** Polls until `check` holds; false if it never did within `timeoutMs`. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** The gateway's own log lines about stopping: `shutdown: draining…` and `shutdown: exiting`. */
const shutdownLines = (stack: Stack, step: "draining" | "exiting") =>
  stack.gateway.logLines().filter((line) => String(line.msg ?? "").startsWith(`shutdown: ${step}`));

// Nitro's node-server stops accepting on SIGTERM, lets in-flight requests finish
// within NITRO_SHUTDOWN_TIMEOUT, closes the store, then exits 0.
describe("graceful shutdown on SIGTERM", () => {
  it("finishes a slow proxied request in flight, refuses new connections, exits 0", async () => {
    stack = await startStack({ env: { NITRO_SHUTDOWN_TIMEOUT: "10000" } });
    const running = stack;
    const client = await running.signIn(ONE.msisdn);
    running.upstream.clearReceived();
    running.upstream.addFault({ fault: { kind: "slow", delayMs: 3000 }, path: "/api/ussd/search/credit-note", times: 1 });
    let settled = false;
    const inFlight = client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } }).finally(() => (settled = true));
    // SIGTERM only once the call is really in flight: the upstream has it.
    expect(await eventually(() => running.upstream.receivedOn("/api/ussd/search/credit-note").length === 1)).toBe(true);
    const exited = exitOf(running);
    running.gateway.process!.kill("SIGTERM");
    expect(await eventually(async () => !(await accepts(running.gateway.port)), 2500)).toBe(true);
    expect(settled).toBe(false); // new connections refused while the call is still being served
    // The operator sees the drain start while the call is still in flight, and the exit once it is done.
    expect(await eventually(() => shutdownLines(running, "draining").length === 1)).toBe(true);
    expect(settled).toBe(false);
    expect(shutdownLines(running, "draining")).toEqual([expect.objectContaining({ level: "info", signal: "SIGTERM", timeoutMs: 10_000 })]);
    expect(shutdownLines(running, "exiting")).toEqual([]);
    const response = await inFlight;
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe(13);
    expect(await exited).toBe(0);
    expect(await eventually(() => shutdownLines(running, "exiting").length === 1)).toBe(true);
    const [exiting] = shutdownLines(running, "exiting");
    expect(exiting).toEqual(expect.objectContaining({ level: "info", exitCode: 0 }));
    expect(exiting.drainedMs).toBeGreaterThanOrEqual(0);
  });

  it("does not wait past its bound for a request that never ends", async () => {
    stack = await startStack({ env: { NITRO_SHUTDOWN_TIMEOUT: "1000", NITRO_UPSTREAM_TIMEOUT_MS: "60000" } });
    const running = stack;
    const client = await running.signIn(ONE.msisdn);
    running.upstream.clearReceived();
    running.upstream.addFault({ fault: { kind: "hang" }, path: "/api/ussd/search/credit-note" });
    const inFlight = client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } }).catch(() => "cut");
    expect(await eventually(() => running.upstream.receivedOn("/api/ussd/search/credit-note").length === 1)).toBe(true);
    const started = Date.now();
    const exited = exitOf(running);
    running.gateway.process!.kill("SIGTERM");
    const code = await exited;
    const elapsed = Date.now() - started;
    // It waits for its 1 s bound, then stops; far below the 60 s the request would take,
    // with room for a busy 2-core machine.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(8000);
    expect(code).toBe(0); // Nitro ends the shutdown as planned: a bounded wait is not a crash
    expect(await inFlight).toBe("cut");
  });
});

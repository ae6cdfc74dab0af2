import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RuntimeFailure } from "../../server/runtime/contract";
import { postJson } from "../../server/runtime/node-json";

// Issue 18 review, I4: a PIN registration's budget is given back on a failed call only when the request
// provably never reached KRA. The Node runtime tells a refused connection from a reset after sending.
async function failureOf(url: string): Promise<RuntimeFailure> {
  const failure = await postJson(url, { id_number: "30000005" }, {}, 2000).then(() => undefined, (error: unknown) => error);
  expect(failure).toBeInstanceOf(RuntimeFailure);
  return failure as RuntimeFailure;
}

describe("RuntimeFailure.unsent on the Node runtime", () => {
  let resetting: Server;
  let closedPort: number;
  beforeAll(async () => {
    resetting = createServer((req) => req.on("end", () => req.socket.destroy()).resume());
    await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => new Promise((resolve) => resetting.close(resolve)));

  it("a refused connection: unavailable, unsent", async () => {
    const failure = await failureOf(`http://127.0.0.1:${closedPort}/api/ussd/pin-registration`);
    expect([failure.kind, failure.unsent]).toEqual(["unavailable", true]);
  });

  it("a reset after the request was sent: unavailable, not unsent", async () => {
    const failure = await failureOf(`http://127.0.0.1:${(resetting.address() as AddressInfo).port}/api/ussd/pin-registration`);
    expect([failure.kind, failure.unsent]).toEqual(["unavailable", false]);
  });
});

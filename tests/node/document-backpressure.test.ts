import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// A document streams with backpressure (server/runtime/node-forward.ts): while the client does not read,
// the upstream is paused; once the client drains, it resumes, and the whole document arrives.
const [ONE] = TEST_TAXPAYERS;
const DOCUMENT = "/api/public/etims/invoice/INVABCDEFG/KEY0123456789ABCD";
const BYTES = 24 * 1024 * 1024; // far more than loopback's socket buffers: the gateway's writes must wait
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_UPSTREAM_MAX_RESPONSE_BYTES: String(32 * 1024 * 1024) } });
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());

/** Reads the document only after `stallMs` of not reading at all: the bytes that arrived, and whether it ended cleanly. */
function readAfterStall(stallMs: number): Promise<{ status: number; bytes: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const headers = { accept: "application/pdf", cookie: `__Host-session=${client.sessionId}` };
    const req = request(`${stack.gateway.url}${DOCUMENT}`, { headers }, (res) => {
      let bytes = 0;
      res.pause();
      setTimeout(() => res.resume(), stallMs);
      res.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, complete: true }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
      res.on("aborted", () => resolve({ status: res.statusCode ?? 0, bytes, complete: false }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("a streamed document and a client that stops reading", () => {
  it("pauses the upstream, resumes when the client drains, and delivers every byte", async () => {
    stack.upstream.addFault({ fault: { kind: "huge", bytes: BYTES, contentType: "application/pdf" }, path: DOCUMENT.slice(4), times: 1 });
    expect(await readAfterStall(1_500)).toEqual({ status: 200, bytes: BYTES, complete: true });
  });
});

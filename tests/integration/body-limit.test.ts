import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

interface Refusal { status: number; sentBeforeAnswer: number; finishedSending: boolean }

/**
 * Streams up to `totalBytes` of a chunked POST, honouring backpressure (so
 * "sent" is what the socket took, not what sits in this process), and stops
 * at the first answer.
 */
function streamChunked(port: number, path: string, headers: Record<string, string>, totalBytes: number): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let finished = false;
    const req = request({ host: "127.0.0.1", port, path, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    req.on("response", (response) => {
      answered = true;
      resolve({ status: response.statusCode ?? 0, sentBeforeAnswer: sent, finishedSending: finished });
      response.resume();
      req.destroy();
    });
    req.on("error", (error) => answered || reject(error));
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += CHUNK.byteLength;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (!answered) {
        finished = true;
        req.end();
      }
    };
    pump();
  });
}

describe("an oversized chunked body", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("POST /entry with 160 MiB: refused with 413 long before the client has sent it all", async () => {
    const refusal = await streamChunked(stack.gateway.port, "/entry", {
      origin: stack.origin, "sec-fetch-site": "same-origin", accept: "application/json", "content-type": "application/x-www-form-urlencoded",
    }, 160 * MiB);
    expect(refusal.status).toBe(413);
    expect(refusal.finishedSending).toBe(false);
    // Loopback socket buffers hold a few MiB; the entry form's cap is 2 KiB.
    expect(refusal.sentBeforeAnswer).toBeLessThan(32 * MiB);
    expect(stack.upstream.received).toEqual([]);
  }, 60_000);
});

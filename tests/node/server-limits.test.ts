import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// Nitro's node server with the gateway's limits (NITRO_HEADERS_TIMEOUT_MS,
// NITRO_REQUEST_TIMEOUT_MS, NITRO_MAX_CONNECTIONS), and nginx-style lingering
// close so an oversized upload reads its 413 instead of a connection reset.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_HEADERS_TIMEOUT_MS: "1000", NITRO_REQUEST_TIMEOUT_MS: "2000", NITRO_MAX_CONNECTIONS: "8" } });
});
afterAll(() => stack?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
    socket.pause(); // nothing is lost before closedBy() listens
  });
}

/** Resolves with what the server sent once it closes the connection (or "" on a reset). */
function closedBy(socket: Socket): Promise<{ text: string; reset: boolean }> {
  const chunks: Buffer[] = [];
  let reset = false;
  socket.on("data", (chunk) => chunks.push(chunk as Buffer)); // no encoding set: always a Buffer
  socket.on("error", () => (reset = true));
  const done = new Promise<{ text: string; reset: boolean }>((resolve) => {
    const finish = () => resolve({ text: Buffer.concat(chunks).toString("latin1"), reset });
    if (socket.destroyed) finish();
    else socket.once("close", finish);
  });
  socket.resume();
  return done;
}

describe("slow clients", () => {
  it("a slowloris sending one header line every 300 ms is cut after the headers timeout", async () => {
    const socket = await open(stack.gateway.port);
    const closed = closedBy(socket);
    const started = Date.now();
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
    const drip = setInterval(() => socket.writable && socket.write(`x-slow-${Date.now()}: 1\r\n`), 300);
    const { text } = await closed;
    clearInterval(drip);
    // Node checks every second here; 1 s timeout + one check + slack.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(text === "" || text.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("a normal request on the same server is unaffected", async () => {
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
  });
});

describe("the connection cap", () => {
  it("refuses connections past NITRO_MAX_CONNECTIONS (8) and accepts again once they close", async () => {
    const sockets = await Promise.all(Array.from({ length: 12 }, () => open(stack.gateway.port)));
    const outcomes = sockets.map(closedBy);
    await sleep(300);
    for (const socket of sockets) if (socket.writable) socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const texts = (await Promise.all(outcomes)).map((outcome) => outcome.text);
    const answered = texts.filter((text) => text.startsWith("HTTP/1.1 200")).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(8);
    expect(texts.filter((text) => text === "").length).toBeGreaterThanOrEqual(4);
    expect((await fetch(`${stack.gateway.url}/healthz`, { headers: { connection: "close" } })).status).toBe(200);
  });
});

describe("an oversized upload still being sent", () => {
  // Its own server, without the 8-connection cap: a lingering socket counts against the cap until the server
  // closes it, which on Node 24 and later can come just after the client has seen its close, so the next
  // round's connections were refused (read nothing) for a reason this test is not about.
  let uploads: Stack;
  beforeAll(async () => {
    uploads = await startStack({ env: { NITRO_HEADERS_TIMEOUT_MS: "1000", NITRO_REQUEST_TIMEOUT_MS: "2000" } });
  });
  afterAll(() => uploads?.stop());
  const FIVE_MB = 5 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, "a");

  /** POST /entry with a 5 MB body written as fast as the server takes it; resolves with the status line received. */
  async function upload(port: number, chunked: boolean): Promise<string> {
    const socket = await open(port);
    const closed = closedBy(socket);
    const framing = chunked ? "transfer-encoding: chunked" : `content-length: ${FIVE_MB}`;
    socket.write(`POST /entry HTTP/1.1\r\nHost: localhost\r\nOrigin: ${uploads.origin}\r\nsec-fetch-site: same-origin\r\n`
      + `content-type: application/x-www-form-urlencoded\r\naccept: application/json\r\n${framing}\r\n\r\n`);
    for (let sent = 0; sent < FIVE_MB && !socket.destroyed; sent += chunk.length) {
      const piece = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
      if (!socket.write(piece)) await new Promise((resolve) => { socket.once("drain", resolve); socket.once("close", resolve); });
    }
    if (!socket.destroyed) socket.end(chunked ? "0\r\n\r\n" : "");
    const { text } = await closed;
    return text.split("\r\n")[0];
  }

  it("5 clients at a time, 4 rounds, both framings: every one reads the 413 status line", async () => {
    const statusLines: string[] = [];
    for (let round = 0; round < 4; round++) {
      statusLines.push(...await Promise.all(Array.from({ length: 5 }, (_, i) => upload(uploads.gateway.port, (round + i) % 2 === 1))));
    }
    expect(statusLines.filter((line) => !line.startsWith("HTTP/1.1 413"))).toEqual([]);
  }, 60_000);
});

describe("configuration", () => {
  it("refuses a request timeout shorter than the headers timeout, naming the variable", async () => {
    const env = { ...stackEnv(), NITRO_HEADERS_TIMEOUT_MS: "5000", NITRO_REQUEST_TIMEOUT_MS: "1000" };
    const failed = await startGateway({ env, expectExit: true });
    expect(failed.output.join("\n")).toContain("NITRO_REQUEST_TIMEOUT_MS");
  });
});

function stackEnv(): Record<string, string> {
  return {
    NITRO_IDENTITY_BASE_URL: stack.upstream.identityBaseUrl,
    NITRO_UPSTREAM_BASE_URL: stack.upstream.upstreamBaseUrl,
    NITRO_UPSTREAM_API_KEY: stack.apiKey,
    NITRO_ENTRY_LINK_SECRET: stack.linkSecret,
    NITRO_PUBLIC_ORIGIN: stack.origin,
  };
}

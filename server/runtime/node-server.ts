// Limits for the HTTP server Nitro's node-server entry creates and listens on
// itself: caught through Node's `net.server.listen` tracing channel, which
// publishes the server just before it binds (so before the first connection).
import { tracingChannel } from "node:diagnostics_channel";
import type { IncomingMessage, Server } from "node:http";
import { Socket } from "node:net";
import type { ServerLimits } from "./contract";

// nginx's lingering close: after a refusal that closes the connection while the
// client is still sending (413), keep reading and discarding for a bounded time
// and size, so the client reads the answer instead of a reset.
const LINGER_MS = 5_000;
const LINGER_MAX_BYTES = 16 * 1024 * 1024;

let current: ServerLimits | undefined;

/** Every HTTP server this process starts listening from now on gets these limits. */
export function limitHttpServers(limits: ServerLimits): void {
  const first = current === undefined;
  current = limits;
  if (!first) return;
  const onListen = (message: unknown) => configure((message as { server: unknown }).server, current!);
  tracingChannel("net.server.listen").subscribe({ start() {}, end() {}, asyncStart: onListen, asyncEnd() {}, error() {} });
}

function configure(candidate: unknown, limits: ServerLimits): void {
  const server = candidate as Server;
  if (typeof server?.on !== "function" || !("headersTimeout" in server)) return;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Node checks both timeouts on this timer (30 s by default), read when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1_000, limits.headersTimeoutMs);
  server.prependListener("request", lingerOnClose);
}

/** Node ends a `connection: close` response with `socket.destroySoon()`: a reset if the body is still arriving. */
function lingerOnClose(req: IncomingMessage): void {
  const socket = req.socket as Socket & { destroySoon(): void };
  socket.destroySoon = () => (req.complete ? destroySoon.call(socket) : linger(socket, req));
}

const destroySoon = (Socket.prototype as unknown as { destroySoon(this: Socket): void }).destroySoon;

function linger(socket: Socket, req: IncomingMessage): void {
  socket.end();
  req.resume();
  socket.resume();
  const start = socket.bytesRead;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  socket.on("data", () => {
    if (socket.bytesRead - start > LINGER_MAX_BYTES) socket.destroy();
  });
  socket.once("close", () => clearTimeout(timer));
}

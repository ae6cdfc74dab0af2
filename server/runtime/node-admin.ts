// The admin listener: a second node:http server, apart from Nitro's, that only
// reads a bounded request and hands it to server/features/admin.ts (through the handler).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AdminAnswer, AdminHandler, AdminListen } from "./contract";

const MAX_BODY_BYTES = 4096;
const INTERNAL: AdminAnswer = { status: 500, contentType: "application/json", body: '{"error":"internal_error"}' };
const TOO_LARGE: AdminAnswer = { status: 413, contentType: "application/json", body: '{"error":"payload_too_large"}' };

export function startAdminServer(listen: AdminListen, handle: AdminHandler): Promise<() => Promise<void>> {
  const server = createServer((req, res) => void answer(req, res, handle));
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      // At shutdown a scraper's keep-alive connection must not hold the process open.
      resolve(() => new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }));
    });
  });
}

async function answer(req: IncomingMessage, res: ServerResponse, handle: AdminHandler): Promise<void> {
  let reply: AdminAnswer;
  try {
    const body = await readBody(req);
    reply = body === null ? TOO_LARGE : await handle({
      method: req.method ?? "GET", path: req.url ?? "/", authorization: req.headers.authorization, body, remoteAddress: req.socket.remoteAddress,
    });
  } catch {
    reply = INTERNAL;
  }
  res.writeHead(reply.status, { "content-type": reply.contentType, "cache-control": "no-store", "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** The body as text, or null past MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once("end", () => resolve(total > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

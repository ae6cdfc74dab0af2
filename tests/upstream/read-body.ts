import type { IncomingMessage } from "node:http";

/** The whole body as utf-8, or undefined when the client went away before sending all of it. */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("close", () => resolve(undefined)); // after "end" this is a no-op
  });
}

import { connect } from "node:net";

export interface RawResponse {
  status: number;
  head: string;
  body: string;
  closed: boolean;
}

/**
 * Sends bytes exactly as given (paths and headers a normal client would fix up)
 * and reads one response. `closed` tells whether the server closed the connection.
 */
export function rawRequest(port: number, payload: string | Buffer, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? "" : text.slice(split + 4), closed });
    };
    socket.on("data", (chunk) => {
      chunks.push(chunk as Buffer); // no encoding set: always a Buffer
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString("latin1")) && !closed) {
        // Give the server a moment to finish the body or close.
        setTimeout(() => socket.end(), 150);
      }
    });
    socket.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    socket.on("close", () => {
      closed = true;
      finish();
    });
    socket.write(payload);
  });
}

import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy to one local port whose answers can be held back: `hold()` keeps
 * everything the target sends (on every connection, old and new) until `release()`.
 * A server that accepts and reads but does not answer: a stalled or partitioned peer.
 */
export interface TcpGate {
  port: number;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startTcpGate(targetPort: number): Promise<TcpGate> {
  let holding = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const target = connect(targetPort, "127.0.0.1");
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        target.destroy();
      });
    }
    client.on("data", (data) => target.write(data));
    target.on("data", (data) => {
      if (holding) held.push(() => client.write(data));
      else client.write(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    hold: () => void (holding = true),
    release() {
      holding = false;
      for (const write of held.splice(0)) write();
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

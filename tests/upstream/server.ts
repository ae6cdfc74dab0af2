import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { answer } from "./dispatch";
import { deliverFault } from "./fault-delivery";
import { FaultRules } from "./fault-rules";
import { FastPath } from "./fast-path";
import { readBody } from "./read-body";
import { RequestRecorder } from "./recorder";
import type { UpstreamState } from "./state";
import { pathOf } from "./target";
import { TimerSet } from "./timers";
import type { Fault } from "./types";
import { writeReply, type ExtraHeaders } from "./write-reply";

const ignore = () => {};

/** The node:http side: faults first, then recording, routing and answering. */
export class SimulatedServer {
  readonly recorder = new RequestRecorder();
  readonly faults = new FaultRules();
  private readonly timers = new TimerSet();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private fastPath: FastPath | undefined;

  constructor(private readonly state: UpstreamState, private readonly extra: ExtraHeaders, private readonly log: boolean) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on("connection", (socket) => this.track(socket));
  }

  /** Resolves with the base URL, e.g. http://127.0.0.1:4010. */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        const boundPort = typeof address === "object" && address ? address.port : port;
        this.state.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
        if (this.state.settings.fast) this.fastPath = new FastPath(this.state, this.extra);
        resolve(this.state.baseUrl);
      });
    });
  }

  /** Stops listening and destroys every socket, hung and keep-alive ones included. */
  close(): Promise<void> {
    this.timers.clearAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.on("error", ignore);
    res.on("error", ignore);
    if (this.log) logWhenFinished(req, res);
    if (this.faults.isEmpty && this.fastPath?.tryAnswer(req, res)) return;
    const record = this.state.settings.fast ? undefined : this.recorder.arrive(req);
    const fault = this.faults.take(pathOf(req.url ?? "/"));
    if (fault?.kind === "refuse") return void req.socket.destroy();
    void readBody(req).then((body) => {
      if (body === undefined) return;
      if (record) record.body = body;
      this.respond(req, res, body, fault);
    });
  }

  private respond(req: IncomingMessage, res: ServerResponse, body: string, fault: Fault | undefined): void {
    const normalReply = () => answer(this.state, req, body);
    if (fault) deliverFault(fault, { res, extra: this.extra, timers: this.timers, normalReply });
    else writeReply(res, normalReply(), this.extra);
  }
}

function logWhenFinished(req: IncomingMessage, res: ServerResponse): void {
  const startedAt = performance.now();
  res.once("close", () => {
    const ms = (performance.now() - startedAt).toFixed(1);
    process.stderr.write(`[upstream] ${req.method} ${req.url} ${res.statusCode} ${ms}ms\n`);
  });
}

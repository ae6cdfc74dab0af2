import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { deliverFault } from "./fault-delivery";
import { FaultRules } from "./fault-rules";
import { RequestRecorder } from "./recorder";
import { bodyReply, type Reply } from "./reply";
import { TimerSet } from "./timers";
import type { FaultRule, ReceivedRequest } from "./types";
import { writeReply } from "./write-reply";

// The WhatsApp Cloud API (Graph API) as the gateway's "send to my WhatsApp" uses it:
// POST /{version}/{phone-number-id}/media (multipart: messaging_product, type, file) → {id};
// POST /{version}/{phone-number-id}/messages (a document message) → {messaging_product, contacts, messages}.
// Errors in Graph's shape, `{"error":{"message","type","code","error_data","fbtrace_id"}}`, including
// 131047 ("Re-engagement message") for a number whose 24-hour window is closed. Faults as on the KRA simulator.

export const CLOUD_API_VERSION = "v21.0";
const WINDOW_CLOSED_DETAILS = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

export interface CloudApiOptions { accessToken: string; phoneNumberId: string }

/** A document message the simulator accepted, with the PDF it points at. */
export interface SentDocument { to: string; mediaId: string; filename: string; pdf: Buffer; /** The message id the answer gave (`wamid.…`), which Meta's status webhooks name. */ id: string }

export interface SimulatedCloudApi {
  /** For NITRO_WHATSAPP_API_BASE_URL: http://127.0.0.1:port/v21.0 */
  baseUrl: string;
  received: ReceivedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** The number's 24-hour window is over: messages to it answer 131047. */
  closeWindow(msisdn: string): void;
  sent(): SentDocument[];
  close(): Promise<void>;
}

interface Media { pdf: Buffer; filename: string }

/** Starts the simulated Cloud API on a loopback port of its own (another origin than the KRA simulator). */
export async function startSimulatedCloudApi(options: CloudApiOptions): Promise<SimulatedCloudApi> {
  const cloud = new CloudApi(options);
  const url = await cloud.listen();
  return {
    baseUrl: `${url}/${CLOUD_API_VERSION}`,
    received: cloud.recorder.received,
    addFault: (rule) => cloud.faults.add(rule),
    clearFaults: () => cloud.faults.clear(),
    closeWindow: (msisdn) => void cloud.closedWindows.add(msisdn),
    sent: () => [...cloud.messages],
    close: () => cloud.close(),
  };
}

class CloudApi {
  readonly recorder = new RequestRecorder();
  readonly faults = new FaultRules();
  readonly closedWindows = new Set<string>();
  readonly messages: SentDocument[] = [];
  private readonly media = new Map<string, Media>();
  private readonly timers = new TimerSet();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(private readonly options: CloudApiOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<string> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(this.server.address() as { port: number }).port}`);
    }));
  }

  close(): Promise<void> {
    this.timers.clearAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on("error", () => {});
    const record = this.recorder.arrive(req);
    const fault = this.faults.take(record.path);
    if (fault?.kind === "refuse") return void req.socket.destroy();
    const body = await readBytes(req);
    record.body = body.toString("latin1");
    // Faults that delay the normal answer (slow, drip) deliver a Graph 500 instead: the answers here are computed asynchronously.
    if (fault) return deliverFault(fault, { res, extra: [], timers: this.timers, normalReply: () => graphError(500, 1, "An unknown error occurred") });
    writeReply(res, await this.answer(req, record.path, body), []);
  }

  private async answer(req: IncomingMessage, path: string, body: Buffer): Promise<Reply> {
    if (req.headers.authorization !== `Bearer ${this.options.accessToken}`) {
      return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token");
    }
    const prefix = `/${CLOUD_API_VERSION}/${this.options.phoneNumberId}/`;
    if (req.method !== "POST" || !path.startsWith(prefix)) return graphError(400, 100, "Unsupported post request.");
    const endpoint = path.slice(prefix.length);
    if (endpoint === "media") return this.upload(req.headers["content-type"] ?? "", body);
    if (endpoint === "messages") return this.send(body);
    return graphError(400, 100, "Unsupported post request.");
  }

  private async upload(contentType: string, body: Buffer): Promise<Reply> {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData().catch(() => undefined);
    const file = form?.get("file");
    if (!form || form.get("messaging_product") !== "whatsapp" || !(file instanceof Blob)) {
      return graphError(400, 100, "(#100) The parameter messaging_product is required.");
    }
    const pdf = Buffer.from(await file.arrayBuffer());
    if (form.get("type") !== "application/pdf" || !pdf.subarray(0, 5).equals(Buffer.from("%PDF-"))) {
      return graphError(400, 131053, "Media upload error");
    }
    const id = `${randomInt(1e9, 9e9)}${randomInt(1e5, 9e5)}`;
    this.media.set(id, { pdf, filename: (file as File).name ?? "" });
    return json(200, { id });
  }

  private send(body: Buffer): Reply {
    const message = parseMessage(body);
    const media = message && this.media.get(message.document.id);
    if (!message || !media) return graphError(400, 100, "(#100) Invalid parameter");
    if (this.closedWindows.has(message.to)) {
      return graphError(400, 131047, "(#131047) Re-engagement message", { messaging_product: "whatsapp", details: WINDOW_CLOSED_DETAILS });
    }
    const id = `wamid.${randomInt(1e12, 9e12)}`;
    this.messages.push({ to: message.to, mediaId: message.document.id, filename: message.document.filename ?? "", pdf: media.pdf, id });
    return json(200, { messaging_product: "whatsapp", contacts: [{ input: message.to, wa_id: message.to }], messages: [{ id }] });
  }
}

interface DocumentMessage { to: string; document: { id: string; filename?: string } }

function parseMessage(body: Buffer): DocumentMessage | undefined {
  try {
    const message = JSON.parse(body.toString("utf8")) as Partial<DocumentMessage> & { messaging_product?: string; type?: string };
    const ok = message.messaging_product === "whatsapp" && message.type === "document" && typeof message.to === "string"
      && typeof message.document?.id === "string";
    return ok ? (message as DocumentMessage) : undefined;
  } catch {
    return undefined;
  }
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(Buffer.alloc(0)));
  });
}

function json(status: number, value: unknown): Reply {
  return bodyReply(status, ["content-type", "application/json; charset=UTF-8", "facebook-api-version", CLOUD_API_VERSION], Buffer.from(JSON.stringify(value)));
}

function graphError(status: number, code: number, message: string, errorData?: Record<string, string>): Reply {
  const fbtrace_id = `A${randomInt(1e9, 9e9)}`;
  return json(status, { error: { message, type: "OAuthException", code, ...(errorData ? { error_data: errorData } : {}), fbtrace_id } });
}

import { getRequestHeader, type H3Event } from "h3";
import { requestBodyStream } from "#gateway-runtime";
import { concatBytes } from "../runtime/bytes";
import { gatewayError } from "./errors";

/**
 * The request body, refused with 413 as soon as it passes `maxBytes` (declared
 * or actually sent, chunked included), so an oversized upload is never buffered.
 */
export async function readBoundedBody(event: H3Event, maxBytes: number): Promise<Uint8Array> {
  const coding = getRequestHeader(event, "transfer-encoding");
  if (coding !== undefined && coding.trim().toLowerCase() !== "chunked") throw gatewayError("bad_request", { closeConnection: true });
  const declared = getRequestHeader(event, "content-length");
  if (declared !== undefined && !(Number(declared) <= maxBytes)) {
    throw gatewayError("payload_too_large", { closeConnection: true });
  }
  const body = await readBody(event, maxBytes);
  if (body.byteLength > maxBytes) throw gatewayError("payload_too_large", { closeConnection: true });
  return body;
}

function readBody(event: H3Event, maxBytes: number): Promise<Uint8Array> {
  const stream = requestBodyStream(event);
  if (stream) return readWebStream(stream, maxBytes);
  return bufferedBody(event) ?? readNodeStream(event, maxBytes);
}

/** workerd: the request's own stream, read chunk by chunk and cancelled as soon as it passes the cap. */
async function readWebStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await readChunk(reader); chunk; chunk = await readChunk(reader)) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw gatewayError("payload_too_large", { closeConnection: true });
    }
    chunks.push(chunk);
  }
  return concatBytes(chunks, total);
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array | undefined> {
  try {
    const { done, value } = await reader.read();
    return done ? undefined : value;
  } catch {
    throw gatewayError("bad_request", { closeConnection: true });
  }
}

/** A body handed over already read (Nitro's local fetch) is kept here. */
function bufferedBody(event: H3Event): Promise<Uint8Array> | undefined {
  const req = event.node.req as unknown as { body?: unknown; rawBody?: unknown };
  const body = req.body ?? req.rawBody;
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (typeof body === "string") return Promise.resolve(new TextEncoder().encode(body));
  return new Response(body as BodyInit).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

function readNodeStream(event: H3Event, maxBytes: number): Promise<Uint8Array> {
  const req = event.node.req;
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const onData = (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        req.off("data", onData);
        req.pause();
        reject(gatewayError("payload_too_large", { closeConnection: true }));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(concatBytes(chunks, total)));
    req.once("error", () => reject(gatewayError("bad_request", { closeConnection: true })));
  });
}

export function contentTypeOf(event: H3Event): string {
  return (getRequestHeader(event, "content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** A small form: urlencoded or JSON, as strings. Anything else is 415. */
export async function readFormFields(event: H3Event, maxBytes: number): Promise<Record<string, unknown>> {
  const type = contentTypeOf(event);
  const text = new TextDecoder().decode(await readBoundedBody(event, maxBytes));
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  if (type === "application/json") return parseJsonObject(text);
  throw gatewayError("unsupported_media_type");
}

export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw gatewayError("invalid_json");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw gatewayError("invalid_json");
  return value as Record<string, unknown>;
}

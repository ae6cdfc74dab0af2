import { getRequestHeader, type H3Event } from "h3";
import { concatBytes } from "./bytes";
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
  const buffered = bufferedBody(event);
  const body = buffered ? await buffered : await readNodeStream(event, maxBytes);
  if (body.byteLength > maxBytes) throw gatewayError("payload_too_large", { closeConnection: true });
  return body;
}

/** Runtimes that hand Nitro an already-read body (workerd, local fetch) keep it here. */
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

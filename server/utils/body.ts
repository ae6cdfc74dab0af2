import { getRequestHeader, type H3Event } from "h3";
import type { z, ZodError, ZodType } from "zod";
import { requestBodyStream } from "#gateway-runtime";
import { concatBytes } from "../runtime/bytes";
import type { ErrorCode } from "../shared/error-codes";
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

export interface ValidatedBodyOptions {
  maxBytes: number;
  /** `form` (the default): urlencoded or JSON; `json`: JSON only (anything else is 415 before a byte is read). */
  accepts?: "form" | "json";
  /** The refusal of a body the schema refuses: `invalid_body` (the default) names the fields; a code of its own names none. */
  refusal?: ErrorCode;
  /** JSON only: no bytes at all read as `{}`, whatever the type (a call whose body is optional, like ITR's file). */
  mayBeEmpty?: boolean;
}

/** A bounded body, parsed and checked with its zod schema: the one way a handler reads what a client sent. */
export async function readValidatedBody<S extends ZodType>(event: H3Event, schema: S, options: ValidatedBodyOptions): Promise<z.output<S>> {
  const input = options.accepts === "json" ? await readJsonObject(event, options) : await readFormFields(event, options.maxBytes);
  return validateFields(schema, input, options.refusal ?? "invalid_body");
}

/** A JSON object; anything but JSON is 415, before a byte is read unless an empty body may come with any type. */
async function readJsonObject(event: H3Event, { maxBytes, mayBeEmpty }: ValidatedBodyOptions): Promise<Record<string, unknown>> {
  const isJson = contentTypeOf(event) === "application/json";
  if (!isJson && !mayBeEmpty) throw gatewayError("unsupported_media_type");
  const text = new TextDecoder().decode(await readBoundedBody(event, maxBytes));
  if (mayBeEmpty && text.trim() === "") return {};
  if (!isJson) throw gatewayError("unsupported_media_type");
  return parseJsonObject(text);
}

/**
 * The one rule for reported errors: `invalid_body` and `invalid_query` name at most
 * MAX_REPORTED_FIELDS field paths, each with a message written in our schemas or a
 * fixed one; any other refusal code names none.
 */
export function validateFields<S extends ZodType>(schema: S, input: unknown, refusal: ErrorCode): z.output<S> {
  const parsed = schema.safeParse(input, { error: genericMessage });
  if (parsed.success) return parsed.data;
  if (refusal !== "invalid_body" && refusal !== "invalid_query") throw gatewayError(refusal);
  throw gatewayError(refusal, { fields: describeIssues(parsed.error) });
}

const MAX_REPORTED_FIELDS = 20;

/**
 * zod's own texts can quote the client (`Unrecognized key: "<img …>"`): every
 * issue without a message written in our schemas gets a fixed one instead.
 */
function genericMessage(issue: { code?: string }): string {
  return GENERIC_MESSAGES[issue.code ?? ""] ?? "is not valid";
}

const GENERIC_MESSAGES: Record<string, string> = {
  invalid_type: "has the wrong type or is missing",
  too_big: "is too long or too large",
  too_small: "is too short or too small",
  invalid_format: "has the wrong format",
  invalid_value: "is not one of the allowed values",
  unrecognized_keys: "has fields that are not allowed",
  not_multiple_of: "is not a valid number",
};

/** Field paths and fixed messages only: never the rejected keys or values. */
function describeIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, MAX_REPORTED_FIELDS).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

import { withInternals } from "./internals";
import { phoenixRequestId } from "./request-id";

/** A complete answer: status, flat raw header list (as for res.writeHead) and body. */
export interface Reply {
  status: number;
  headers: string[];
  body: Buffer;
}

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
const PHOENIX_CACHE_CONTROL = "max-age=0, private, must-revalidate";

/** The headers every Cowboy/Phoenix answer carries (README: Upstream API, transport). */
export function cowboyHeaders(contentType: string): string[] {
  return [
    "server", "Cowboy",
    "content-type", contentType,
    "cache-control", PHOENIX_CACHE_CONTROL,
    "x-request-id", phoenixRequestId(),
  ];
}

/** Jason (Phoenix's encoder) writes small maps with their keys sorted. */
export function encodeLikePhoenix(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => sortKeys(field));
}

function sortKeys(field: unknown): unknown {
  if (field === null || typeof field !== "object" || Array.isArray(field)) return field;
  const entries = Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

export function jsonReply(status: number, value: unknown): Reply {
  const body = Buffer.from(encodeLikePhoenix(value));
  return bodyReply(status, cowboyHeaders(JSON_CONTENT_TYPE), body);
}

export function bodyReply(status: number, headers: string[], body: Buffer): Reply {
  headers.push("content-length", String(body.length));
  return { status, headers, body };
}

export const notFound = () => jsonReply(404, { errors: { detail: "Not Found" } });
export const badRequest = () => jsonReply(400, { errors: { detail: "Bad Request" } });
export const unauthorized = () => jsonReply(401, { errors: { detail: "Unauthorized" } });
export const internalServerError = () =>
  jsonReply(500, { errors: { detail: "Internal Server Error" } });

/** A business result: HTTP 422 with a numeric `code` (README: Upstream API, transport). */
export const businessError = (code: number, message: string) =>
  jsonReply(422, { code, message });

/** A tax-API business result, with the internal fields the real upstream may add. */
export const taxBusinessError = (code: number, message: string) =>
  jsonReply(422, withInternals({ code, message }));

/** A tax-API success, with the internal fields the real upstream may add. */
export const taxReply = (value: object) => jsonReply(200, withInternals(value));

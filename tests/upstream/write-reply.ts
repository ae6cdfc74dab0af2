import type { ServerResponse } from "node:http";
import type { Reply } from "./reply";

/** Header names and values added to every answer (options.extraResponseHeaders), flat. */
export type ExtraHeaders = string[];

export function toExtraHeaders(record: Record<string, string> | undefined): ExtraHeaders {
  return Object.entries(record ?? {}).flat();
}

export function withExtra(headers: string[], extra: ExtraHeaders): string[] {
  return extra.length === 0 ? headers : headers.concat(extra);
}

/** One writeHead with a flat header array and one end(): the cheapest way out of node:http. */
export function writeReply(res: ServerResponse, reply: Reply, extra: ExtraHeaders): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, withExtra(reply.headers, extra));
  res.end(reply.body);
}

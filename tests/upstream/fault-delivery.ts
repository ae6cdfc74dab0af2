import type { ServerResponse } from "node:http";
import { drip, resetMidBody, stall, streamHuge } from "./fault-streams";
import { bodyReply, cowboyHeaders, internalServerError, JSON_CONTENT_TYPE, unauthorized, type Reply } from "./reply";
import type { TimerSet } from "./timers";
import type { Fault } from "./types";
import { writeReply, type ExtraHeaders } from "./write-reply";

export interface FaultDelivery {
  res: ServerResponse;
  extra: ExtraHeaders;
  timers: TimerSet;
  /** The answer the request would have had; only slow, drip and stall compute it. */
  normalReply: () => Reply;
}

export function deliverFault(fault: Fault, { res, extra, timers, normalReply }: FaultDelivery): void {
  const send = (reply: Reply) => writeReply(res, reply, extra);
  switch (fault.kind) {
    case "refuse": return void res.socket?.destroy();
    case "hang": return;
    case "slow": return timers.after(fault.delayMs, () => send(normalReply()));
    case "drip": return drip(res, normalReply(), extra, timers, fault.intervalMs, fault.chunkBytes, fault.chunked);
    case "stall": return stall(res, normalReply(), extra, fault.afterBytes);
    case "reset": return resetMidBody(res, extra, fault.afterBytes ?? 64);
    case "huge": return void streamHuge(res, extra, fault.bytes, fault.contentType);
    case "html503": return send(haproxy503());
    case "phoenix500": return send(internalServerError());
    case "unauthorized": return send(unauthorized());
    case "status": return send(customStatus(fault));
  }
}

// HAProxy's default 503 errorfile, as recorded (README: Upstream API, transport): not Cowboy's headers.
const HAPROXY_503 = Buffer.from(
  "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n",
);

function haproxy503(): Reply {
  const headers = ["cache-control", "no-cache", "content-type", "text/html", "connection", "close"];
  return bodyReply(503, headers, HAPROXY_503);
}

/** Cowboy's headers, with the rule's own headers replacing same-named ones. */
function customStatus(fault: Extract<Fault, { kind: "status" }>): Reply {
  const headers = replaceHeaders(cowboyHeaders(JSON_CONTENT_TYPE), fault.headers ?? {});
  const body = Buffer.from(fault.body ?? "");
  if (headers.includes("content-length")) return { status: fault.status, headers, body };
  return bodyReply(fault.status, headers, body);
}

function replaceHeaders(defaults: string[], overrides: Record<string, string>): string[] {
  const replacements = Object.entries(overrides).map(([name, value]) => [name.toLowerCase(), value]);
  const replaced = new Set(replacements.map(([name]) => name));
  const kept: string[] = [];
  for (let i = 0; i < defaults.length; i += 2) {
    if (!replaced.has(defaults[i]!)) kept.push(defaults[i]!, defaults[i + 1]!);
  }
  return kept.concat(replacements.flat());
}

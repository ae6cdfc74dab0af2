import type { H3Event } from "h3";
import { gatewayError } from "./errors";

// One deadline for all the upstream calls of a request whose caller waits a fixed time for the whole answer
// (WhatsApp gives a Flow's endpoint 10 s): the identity service's calls and the proxy's alike.
const deadlines = new WeakMap<H3Event, number>();

export function setUpstreamDeadline(event: H3Event, timeoutMs: number): void {
  deadlines.set(event, performance.now() + timeoutMs);
}

/** A call's timeout, cut to what is left of the request's deadline; none left is a timeout before anything is sent. */
export function boundByDeadline(event: H3Event, timeoutMs: number): number {
  const deadline = deadlines.get(event);
  if (deadline === undefined) return timeoutMs;
  const left = Math.floor(deadline - performance.now());
  if (left <= 0) throw gatewayError("upstream_timeout");
  return Math.min(timeoutMs, left);
}

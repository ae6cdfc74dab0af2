import { getRequestHeader, type H3Event } from "h3";
import { clientAddress } from "#gateway-runtime";

/**
 * The client's address: the peer's, or, behind `hops` trusted proxies (KRA's load
 * balancer), the address that many entries from the right of X-Forwarded-For.
 */
export function getClientIp(event: H3Event, hops: number): string {
  if (hops > 0) {
    const forwarded = (getRequestHeader(event, "x-forwarded-for") ?? "").split(",").map((part) => part.trim());
    const candidate = forwarded[forwarded.length - hops];
    if (candidate) return candidate;
  }
  return clientAddress(event) ?? "unknown";
}

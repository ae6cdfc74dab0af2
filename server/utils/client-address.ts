import { getRequestHeader, type H3Event } from "h3";
import { clientAddress } from "#gateway-runtime";
import { useGateway } from "./gateway";

/**
 * The client's address, the subject of per-address limits. Behind Cloudflare
 * (NITRO_TRUST_CF_CONNECTING_IP=true), the CF-Connecting-IP that Cloudflare
 * sets; otherwise a client may write that header, so it is ignored. Then, behind
 * `hops` trusted proxies (KRA's load balancer), the address that many entries
 * from the right of X-Forwarded-For; else the peer's address (a worker has none:
 * all its clients share one).
 */
export function getClientIp(event: H3Event, hops: number): string {
  if (useGateway().config.trustCfConnectingIp) {
    const connecting = getRequestHeader(event, "cf-connecting-ip")?.trim();
    if (connecting) return connecting;
  }
  if (hops > 0) {
    const forwarded = (getRequestHeader(event, "x-forwarded-for") ?? "").split(",").map((part) => part.trim());
    const candidate = forwarded[forwarded.length - hops];
    if (candidate) return candidate;
  }
  return clientAddress(event) ?? "unknown";
}

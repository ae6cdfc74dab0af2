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

/**
 * The subject of per-address limits: an IPv4 address as it is, an IPv6 one by its /64 (one
 * subscriber's network), so a client cycling through its own addresses earns no new budget
 * and cannot fill the store with counters.
 */
export function getClientNetwork(event: H3Event, hops: number): string {
  return networkOf(getClientIp(event, hops));
}

export function networkOf(address: string): string {
  if (!address.includes(":")) return address;
  const bare = address.split("%")[0].toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1];
  const [head, tail] = bare.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

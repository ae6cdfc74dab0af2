import { defineEventHandler } from "h3";
import { randomToken } from "../utils/crypto";
import { pageContentSecurityPolicy, securityHeaders } from "../utils/security-headers";

const STATIC_ASSETS = "/_build/";

export default defineEventHandler((event) => {
  const res = event.node.res;
  const headers = securityHeaders();
  if (event.path.startsWith("/api/")) {
    for (const [name, value] of headers.api) res.setHeader(name, value);
    return;
  }
  for (const [name, value] of headers.page) res.setHeader(name, value);
  if (event.path.startsWith(STATIC_ASSETS)) return;
  const nonce = randomToken(16);
  event.context.cspNonce = nonce;
  res.setHeader("content-security-policy", pageContentSecurityPolicy(nonce));
  res.setHeader("cache-control", "no-store");
});

import { defineEventHandler } from "h3";
import { GATEWAY_PATH_PATTERN } from "../shared/gateway-paths";
import { randomToken } from "../utils/crypto";
import { pageContentSecurityPolicy, securityHeaders } from "../utils/security-headers";

// The gateway's own answers (JSON, redirects) get the strict API policy; only UI pages need a script nonce.
const GATEWAY_PATHS = GATEWAY_PATH_PATTERN;

export default defineEventHandler((event) => {
  const res = event.node.res;
  const headers = securityHeaders();
  if (GATEWAY_PATHS.test(event.path) && !event.path.startsWith("/_build/")) {
    for (const [name, value] of headers.api) res.setHeader(name, value);
    return;
  }
  for (const [name, value] of headers.page) res.setHeader(name, value);
  if (event.path.startsWith("/_build/")) return;
  const nonce = randomToken(16);
  event.context.cspNonce = nonce;
  res.setHeader("content-security-policy", pageContentSecurityPolicy(nonce));
  res.setHeader("cache-control", "no-store");
});

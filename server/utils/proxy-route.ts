import type { H3Event } from "h3";
import { gatewayError } from "./errors";
import { proxyRules, type ProxyRule } from "./proxy-rules";

const API_PREFIX = "/api";
const MAX_PATH_LENGTH = 256;
const MAX_QUERY_LENGTH = 512;
// Segments of letters, digits, "-", "_" and inner dots: no "%" (so no encoded
// "/", "\", "." or NUL, single or double), no "\", no empty or dot segments.
const CLEAN_PATH = /^(?:\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)+$/;

export interface ProxyRoute {
  rule: ProxyRule;
  params: Record<string, string>;
  query: string;
}

interface ParamRule { rule: ProxyRule; segments: string[] }

/** The rule table compiled once: static paths by "METHOD path", the few with `:params` matched by segment. */
const staticRules = new Map<string, ProxyRule>();
const staticMethods = new Map<string, string[]>();
const paramRules: ParamRule[] = [];
for (const rule of proxyRules) {
  if (!rule.path.includes(":")) {
    staticRules.set(`${rule.method} ${rule.path}`, rule);
    staticMethods.set(rule.path, [...(staticMethods.get(rule.path) ?? []), rule.method]);
  } else paramRules.push({ rule, segments: rule.path.split("/").slice(1) });
}
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Path hygiene first (400), then the allowlist: 404 for an unknown path, 405 for
 * a known path with another method. Only the raw request target is read, as the
 * client sent it (h3's `event.path` is already percent-decoded, which turned
 * `look%75p` into `lookup` and `%3F` into a query): no `%` passes in the path, and
 * no X-Original-URL, X-Rewrite-URL or X-Forwarded-* header can change the route.
 */
export function matchProxyRoute(event: H3Event): ProxyRoute {
  const target = rawTarget(event);
  const queryAt = target.indexOf("?");
  const path = (queryAt === -1 ? target : target.slice(0, queryAt)).slice(API_PREFIX.length);
  const query = queryAt === -1 ? "" : target.slice(queryAt + 1);
  if (path.length > MAX_PATH_LENGTH || query.length > MAX_QUERY_LENGTH || target.includes("#")) throw gatewayError("bad_path");
  if (path === "" || path === "/") throw gatewayError("not_found");
  if (!CLEAN_PATH.test(path)) throw gatewayError("bad_path");
  const route = findRoute(event.method, path, query);
  event.context.routeId = route.rule.id;
  event.context.logPath = API_PREFIX + route.rule.path;
  return route;
}

function findRoute(method: string, path: string, query: string): ProxyRoute {
  const rule = staticRules.get(`${method} ${path}`);
  if (rule) return { rule, params: NO_PARAMS, query };
  const segments = path.split("/").slice(1);
  const candidates = paramRules.map((entry) => ({ rule: entry.rule, params: matchSegments(entry, segments) }))
    .filter((candidate) => candidate.params !== null);
  const found = candidates.find((candidate) => candidate.rule.method === method);
  if (found) return { rule: found.rule, params: found.params!, query };
  const allowed = [...(staticMethods.get(path) ?? []), ...candidates.map((c) => c.rule.method)];
  if (allowed.length === 0) throw gatewayError("not_found");
  throw gatewayError("method_not_allowed", { allow: [...new Set(allowed)].join(", ") });
}

/**
 * h3 keeps the target it received in `originalUrl` before decoding its own copy.
 * On workerd that is the Request URL's pathname and search, which the runtime
 * has parsed (WHATWG: dot segments resolved) but not percent-decoded.
 */
function rawTarget(event: H3Event): string {
  const req = event.node.req as { originalUrl?: string; url?: string };
  return req.originalUrl ?? req.url ?? event.path;
}

function matchSegments(entry: ParamRule, segments: string[]): Record<string, string> | null {
  if (entry.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const pattern = entry.segments[i];
    if (!pattern.startsWith(":")) {
      if (pattern !== segments[i]) return null;
      continue;
    }
    const name = pattern.slice(1);
    if (!entry.rule.params?.[name]?.test(segments[i])) return null;
    params[name] = segments[i];
  }
  return params;
}

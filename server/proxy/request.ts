import type { H3Event } from "h3";
import type { ZodType } from "zod";
import type { UpstreamRequest } from "../runtime/contract";
import { readValidatedBody, validateFields } from "../utils/body";
import type { GatewayConfig } from "../utils/config";
import { gatewayError } from "../utils/errors";
import { enforceRateLimit } from "../utils/rate-limit";
import type { Session } from "../utils/session";
import { judgeAnswer } from "./answer";
import { addUpstreamCredentials } from "./credentials";
import { proxyRules, type ProxyLimit, type ProxyRule } from "./rules";

// A proxied call's request side, in the order the handler takes it: match the allowlist,
// count the rule's limits, read its body, then build the one upstream call.

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

/** Whom each limit counts: the session (its hashed key) or the session's number across all its sessions. */
const LIMIT_SUBJECTS: Record<ProxyLimit, (session: Session) => string> = {
  lookupSession: (session) => session.key,
  lookupMsisdn: (session) => session.record.msisdn,
  lookupSessionDaily: (session) => session.key,
  lookupMsisdnDaily: (session) => session.record.msisdn,
  checkerSession: (session) => session.key,
  checkerSessionDaily: (session) => session.key,
  checkerMsisdn: (session) => session.record.msisdn,
  checkerMsisdnDaily: (session) => session.record.msisdn,
};

/** The rule's rate limits, each taken before the upstream call. */
export async function enforceRouteLimits(event: H3Event, route: ProxyRoute, session: Session): Promise<void> {
  for (const limit of route.rule.limits ?? []) await enforceRateLimit(event, limit, LIMIT_SUBJECTS[limit](session));
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const MAX_FORWARDED_HEADER_LENGTH = 256;
/** The only client headers that may reach the upstream; everything else is dropped. */
const FORWARDED_HEADERS = ["accept", "accept-language", "if-none-match"] as const;

/** The rule's JSON body as the client sent it, bounded and validated by the rule's schema (a browser's call). */
export function readRuleBody(event: H3Event, rule: ProxyRule): Promise<Record<string, unknown>> {
  const options = { maxBytes: rule.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, accepts: "json" } as const;
  return readValidatedBody(event, rule.body!, options) as Promise<Record<string, unknown>>;
}

/** A validated body with the session's identity over it: never the taxpayer as the other party; `msisdn` bound when the rule says so. */
export function bindRuleBody(body: Record<string, unknown>, rule: ProxyRule, session: Session): Record<string, unknown> {
  if (rule.otherParty) refuseSelfAsOtherParty(body, rule.otherParty, session);
  if (rule.bindMsisdn) body.msisdn = session.record.msisdn;
  return body;
}

function refuseSelfAsOtherParty(body: Record<string, unknown>, fields: NonNullable<ProxyRule["otherParty"]>, session: Session): void {
  const own = { pin: session.record.pin, msisdn: session.record.msisdn };
  const named = (["pin", "msisdn"] as const).filter((kind) => fields[kind] && own[kind] && body[fields[kind]] === own[kind]);
  if (named.length === 0) return;
  throw gatewayError("invalid_body", { fields: named.map((kind) => ({ path: fields[kind]!, message: "must name another taxpayer" })) });
}

/** Validates the query against the rule, binds the session's identity and builds the upstream call. */
export function buildUpstreamRequest(
  event: H3Event, route: ProxyRoute, session: Session, config: GatewayConfig, body?: Record<string, unknown>, forwardClientHeaders = true,
): UpstreamRequest {
  const { rule } = route;
  if (needsPin(rule) && !session.record.pin) throw gatewayError("pin_required");
  const validated = rule.query ? validQuery(rule, rule.query, route.query) : undefined;
  if (!rule.query && route.query !== "") throw gatewayError("invalid_query");
  // Kept queries are shared and frozen: a rule that binds identity fields writes into its own copy.
  const query = validated && rule.bind ? { ...validated } : validated;
  bindIdentity(body ?? query, rule, session);
  return {
    ruleId: rule.id,
    method: rule.method,
    ...upstreamTarget(route, session, config, query),
    headers: upstreamHeaders(event, session, config, body !== undefined, forwardClientHeaders),
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: rule.timeoutMs ?? config.upstream.timeoutMs,
    maxResponseBytes: config.upstream.maxResponseBytes,
    responds: rule.response.kind === "document" ? "pdf" : "json",
    judge: judgeAnswer,
  };
}

/**
 * Validation is a pure function of the raw query string, so the last few
 * hundred accepted strings per rule keep their validated value (a page list
 * asks the same few queries again and again). A refused query is never kept.
 */
const QUERIES_KEPT = 256;
const validQueries = new WeakMap<ProxyRule, Map<string, Readonly<Record<string, unknown>>>>();

function validQuery(rule: ProxyRule, schema: ZodType, raw: string): Readonly<Record<string, unknown>> {
  let kept = validQueries.get(rule);
  if (!kept) validQueries.set(rule, (kept = new Map()));
  const hit = kept.get(raw);
  if (hit) return hit;
  const query = Object.freeze(validateFields(schema, parseQuery(raw), "invalid_query"));
  if (kept.size >= QUERIES_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(raw, query);
  return query;
}

function needsPin(rule: ProxyRule): boolean {
  return Boolean(rule.bind?.pin) || rule.upstream.includes(":pin");
}

/** `rule.bind`: the session's PIN and number written over the named body (or query) fields; the strict schemas refuse client copies. */
function bindIdentity(target: Record<string, unknown> | undefined, rule: ProxyRule, session: Session): void {
  if (!target || !rule.bind) return;
  if (rule.bind.pin) target[rule.bind.pin] = session.record.pin;
  if (rule.bind.msisdn) target[rule.bind.msisdn] = session.record.msisdn;
}

function parseQuery(raw: string): Record<string, string> {
  const params = new URLSearchParams(raw);
  const entries = [...params];
  if (new Set(entries.map(([name]) => name)).size !== entries.length) throw gatewayError("invalid_query");
  return Object.fromEntries(entries);
}

/** Each rule's upstream path split once: even entries are literal, odd ones `:name` placeholders. */
const upstreamParts = new Map(proxyRules.map((rule) => [rule, rule.upstream.split(/:([a-z]+)/)]));

/** Built from the rule and validated values only; nothing the client sent is concatenated. */
export function upstreamTarget(
  route: ProxyRoute, session: Session, config: GatewayConfig, query?: Record<string, unknown>,
): { origin: string; path: string } {
  const base = config.upstream[route.rule.base ?? "api"];
  const parts = upstreamParts.get(route.rule) ?? [route.rule.upstream];
  let path = base.path + parts[0];
  for (let i = 1; i < parts.length; i += 2) path += pathParam(parts[i], route, session) + parts[i + 1];
  if (!query) return { origin: base.origin, path };
  return { origin: base.origin, path: `${path}?${searchOf(query)}` };
}

/** A kept (frozen) query is encoded once; a copy with bound identity fields each time. */
const encodedQueries = new WeakMap<object, string>();

function searchOf(query: Record<string, unknown>): string {
  let search = encodedQueries.get(query);
  if (search !== undefined) return search;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  search = params.toString();
  if (Object.isFrozen(query)) encodedQueries.set(query, search);
  return search;
}

/** `:msisdn` and `:pin` are the session's own; other `:name`s come from the public path. */
function pathParam(name: string, route: ProxyRoute, session: Session): string {
  if (name === "msisdn") return session.record.msisdn;
  if (name === "pin") return session.record.pin!;
  return route.params[name];
}

/** The allowlisted client headers (none for a Flow) plus the injected credentials: nothing else reaches the upstream. */
export function upstreamHeaders(
  event: H3Event, session: Session, config: GatewayConfig, hasBody: boolean, forwardClientHeaders = true,
): Record<string, string> {
  const incoming = event.node.req.headers;
  const headers: Record<string, string> = {};
  for (const name of forwardClientHeaders ? FORWARDED_HEADERS : []) {
    const value = incoming[name];
    if (typeof value === "string" && value.length <= MAX_FORWARDED_HEADER_LENGTH) headers[name] = value;
  }
  if (hasBody) headers["content-type"] = "application/json";
  return addUpstreamCredentials(headers, event, config.upstream, session.record.token);
}

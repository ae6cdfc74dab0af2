import type { IncomingMessage } from "node:http";
import { badRequest, internalServerError, notFound, unauthorized, type Reply } from "./reply";
import { matchRoute } from "./routes";
import type { UpstreamState } from "./state";
import { bearerToken } from "./tokens";
import { splitTarget } from "./target";

/** Routes one fully read request to its handler; anything thrown becomes Phoenix's 500. */
export function answer(state: UpstreamState, req: IncomingMessage, rawBody: string): Reply {
  try {
    return route(state, req, rawBody);
  } catch {
    return internalServerError();
  }
}

function route(state: UpstreamState, req: IncomingMessage, rawBody: string): Reply {
  const method = req.method ?? "GET";
  const { path, query } = splitTarget(req.url ?? "/");
  const match = matchRoute(method, path);
  if (!match) return notFound();
  const body = match.route.takesJson ? parseJsonObject(rawBody) : {};
  if (!body) return badRequest();
  if (match.route.access === "tax" && !mayCallTaxApi(state, req)) return unauthorized();
  const context = { method, path, query, headers: req.headers, body, params: match.params, state };
  return match.route.handle(context);
}

/** An empty body counts as {} (as Plug.Parsers does); anything but a JSON object is a 400. */
function parseJsonObject(rawBody: string): Record<string, unknown> | undefined {
  if (rawBody.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(rawBody);
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function mayCallTaxApi(state: UpstreamState, req: IncomingMessage): boolean {
  const { apiKey, fast } = state.settings;
  if (apiKey !== undefined && req.headers["x-api-key"] !== apiKey) return false;
  const token = bearerToken(req.headers.authorization);
  if (!token) return false;
  return fast ? state.tokens.isLive(token) : state.tokens.isValid(token);
}

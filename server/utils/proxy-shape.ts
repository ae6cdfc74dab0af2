import type { H3Event } from "h3";
import type { ZodType } from "zod";
import { sendHeldAnswer } from "#gateway-runtime";
import type { HeldAnswer } from "../runtime/contract";
import { gatewayError } from "./errors";
import { writeLog } from "./log";
import { businessErrorAnswer } from "./proxy-responses";
import { compilePolicyEncoder, type PolicyEncoder } from "../proxy/compiled-policy";
import type { ProxyRoute } from "./proxy-route";

const decoder = new TextDecoder();
const JSON_HEADERS: [string, string][] = [["content-type", "application/json; charset=utf-8"]];

/**
 * The last step of a proxied call: a held JSON answer goes through the rule's
 * response policy and is sent; a document has streamed already (Node) or is the
 * Response to return (workerd); a document's refusal becomes the gateway's own error.
 */
export function filterAnswer(event: H3Event, route: ProxyRoute, answer: HeldAnswer | Response | void): Response | void {
  if (answer === undefined || answer instanceof Response) return answer;
  const { response } = route.rule;
  // A document rule's held answer is the upstream's refusal (4xx): the gateway answers with its own error.
  if (response.kind !== "json") throw gatewayError(answer.status === 404 ? "not_found" : "upstream_error");
  return sendHeldAnswer(event, applyResponsePolicy(event, response.schema, answer, response.errors));
}

/**
 * The one place a JSON answer is shaped: a success by the rule's schema, a
 * business error to its code and message. Anything else is the upstream's own
 * failure (502), never passed through.
 */
export function applyResponsePolicy(
  event: H3Event, schema: ZodType, answer: HeldAnswer, errors: ZodType = businessErrorAnswer,
): HeldAnswer {
  if (answer.status === 304) return answer;
  const policy = answer.status >= 400 ? errors : schema;
  const input = parseJson(answer.body);
  const fast = filterOf(policy)?.(input);
  const body = typeof fast === "string" ? fast : JSON.stringify(checkWithZod(event, policy, input, answer.status));
  return { status: answer.status, headers: JSON_HEADERS, body };
}

const filters = new WeakMap<ZodType, PolicyEncoder | null>();

/** The schema's compiled policy (server/proxy/compiled-policy.ts), built on first use; null where zod must run. */
function filterOf(schema: ZodType): PolicyEncoder | null {
  let filter = filters.get(schema);
  if (filter === undefined) {
    filter = compilePolicyEncoder(schema);
    filters.set(schema, filter);
  }
  return filter;
}

/** zod decides whatever the compiled filter did not accept, and names the paths of a refusal. */
function checkWithZod(event: H3Event, schema: ZodType, input: unknown, status: number): unknown {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join("."));
  writeLog({
    level: "warn", msg: "upstream answer outside the response policy",
    requestId: event.context.requestId, route: event.context.routeId, status, paths,
  });
  throw gatewayError("upstream_error");
}

function parseJson(body: Uint8Array | string): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : decoder.decode(body));
  } catch {
    return undefined;
  }
}

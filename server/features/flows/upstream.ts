// Flows reach the upstream only through the proxy's own rules (server/proxy/rules.ts): the same
// allowlisted path, body and query schemas, identity binding (PIN and number from the session), limits,
// pause switch, credentials and response policy as the web pages' `/api/…` calls. No second path.
import type { H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import type { HeldAnswer } from "../../runtime/contract";
import { failUpstreamCall, shapeAnswer } from "../../proxy/answer";
import { buildUpstreamRequest } from "../../proxy/request";
import { proxyRules, type ProxyLimit, type ProxyRule } from "../../proxy/rules";
import { validateFields } from "../../utils/body";
import { gatewayError } from "../../utils/errors";
import { useGateway } from "../../utils/gateway";
import { reserveRuleDisclosure } from "../../utils/id-disclosure";
import { recordUpstream } from "../../utils/metrics";
import { enforceRateLimit } from "../../utils/rate-limit";
import { requireServiceRunning } from "../../utils/services";
import type { Session } from "../../utils/session";
import { rememberIssuedDocuments } from "../whatsapp";

/** The rules the three Flows use, by id. */
export type FlowRuleId = "checkers.pin" | "returns.obligations" | "returns.filling-period" | "returns.file" | "returns.liabilities";

/** The answer after the rule's response policy: what the web page would have received. */
export interface ShapedAnswer { status: number; body: unknown }

const rulesById = new Map(proxyRules.map((rule) => [rule.id, rule]));

/** Each Flow request's deadline for its upstream calls (NITRO_FLOWS_TIMEOUT_MS from its start). */
const deadlines = new WeakMap<H3Event, number>();

export function startUpstreamBudget(event: H3Event, timeoutMs: number): void {
  deadlines.set(event, performance.now() + timeoutMs);
}

/** Per-session limits count the session's key, the others the session's number (as the proxy does). */
const limitSubject = (limit: ProxyLimit, session: Session) => (limit.includes("Msisdn") ? session.record.msisdn : session.key);

/**
 * One call of a proxy rule for a Flow session: pause switch, limits, body/query validated by the rule's
 * schemas, the session's identity bound, the call, then the response policy. Throws the gateway's errors.
 */
export async function callFlowRule(
  event: H3Event, session: Session, ruleId: FlowRuleId, input: { body?: Record<string, unknown>; query?: Record<string, string> } = {},
): Promise<ShapedAnswer> {
  const rule = rulesById.get(ruleId)!;
  await requireServiceRunning(event, rule.service);
  for (const limit of rule.limits ?? []) await enforceRateLimit(event, limit, limitSubject(limit, session));
  const body = rule.body ? (validateFields(rule.body, input.body ?? {}, "invalid_body") as Record<string, unknown>) : undefined;
  const query = input.query ? new URLSearchParams(input.query).toString() : "";
  const request = buildUpstreamRequest(event, { rule, params: {}, query }, session, useGateway().config, body);
  const left = Math.floor((deadlines.get(event) ?? Number.POSITIVE_INFINITY) - performance.now());
  if (left <= 0) throw gatewayError("upstream_timeout");
  request.timeoutMs = Math.min(request.timeoutMs, left);
  const disclosure = await reserveRuleDisclosure(event, rule, session, body);
  const started = performance.now();
  let answer: HeldAnswer;
  try {
    answer = (await forwardUpstream(event, request)) as HeldAnswer;
  } catch (failure) {
    recordUpstream(rule.id, started, failure);
    await disclosure.release();
    return failUpstreamCall(event, session, failure);
  }
  recordUpstream(rule.id, started);
  await disclosure.record(event, answer.status);
  return shape(event, rule, session, answer);
}

async function shape(event: H3Event, rule: ProxyRule, session: Session, answer: HeldAnswer): Promise<ShapedAnswer> {
  if (rule.response.kind !== "json") throw new Error(`rule ${rule.id} is not a JSON rule`);
  const shaped = shapeAnswer(event, rule.response, answer);
  await rememberIssuedDocuments(event, rule.id, session, shaped);
  return { status: shaped.status, body: JSON.parse(shaped.body as string) };
}

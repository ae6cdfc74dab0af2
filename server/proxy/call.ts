import type { H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import type { HeldAnswer, SentAnswer } from "../runtime/contract";
import { boundByDeadline } from "../utils/deadline";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { reserveRuleDisclosure } from "../utils/id-disclosure";
import { recordUpstream } from "../utils/metrics";
import { requireServiceRunning } from "../utils/services";
import type { Session } from "../utils/session";
import { failUpstreamCall, nameDocument } from "./answer";
import { bindRuleBody, buildUpstreamRequest, enforceRouteLimits, type ProxyRoute } from "./request";
import type { ProxyRule } from "./rules";

// The one path to the upstream: steps 2 to 8 of a proxied call (server/api/[...path].ts tells them),
// taken the same way for a browser's `/api/…` call and for a WhatsApp Flow's (server/features/flows/upstream.ts).

/** Who calls: where the session and the body come from (a Flow's deadline is the request's: server/utils/deadline.ts). */
export interface ProxyCaller {
  /** An active session, or a refusal (401 for a browser). */
  session(event: H3Event): Promise<Session>;
  /** The rule's body, validated by its schema; the session's identity is bound over it afterwards. */
  body(event: H3Event, rule: ProxyRule): Promise<Record<string, unknown>> | Record<string, unknown>;
  /**
   * The use case that answers a rule `handledBy` one (server/features/itr.ts for the browser), after the pause,
   * the session and the limits: it reads the body and calls the upstream itself. A caller without one: 404.
   */
  useCase?(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer>;
  /** False (a Flow): none of the client's headers reach the upstream; the Flow's signature does not cover them. */
  forwardClientHeaders?: boolean;
}

/** The session the call was asked for, and the upstream's answer or, for a rule handled by a use case, what it answered. */
export interface ProxyCallResult {
  session: Session;
  /** Held JSON, or a document streamed (void) or returned as a Response. */
  answer: HeldAnswer | Response | void;
  /** The use case's answer, for the handler to return. */
  answered?: SentAnswer;
}

/**
 * Pause, session, limits, body with the identity bound, disclosure budget, the one upstream request,
 * and its failure as the gateway's error (an upstream 401 ends the session). Shaping is the caller's.
 */
export async function callProxyRule(event: H3Event, route: ProxyRoute, caller: ProxyCaller): Promise<ProxyCallResult> {
  const { rule } = route;
  const paused = requireServiceRunning(event, rule.service);
  if (paused) await paused;
  const session = await caller.session(event);
  if (rule.limits) await enforceRouteLimits(event, route, session);
  if (rule.handledBy) return { session, answer: undefined, answered: await handOver(event, route, session, caller) };
  const body = rule.body ? bindRuleBody(await caller.body(event, rule), rule, session) : undefined;
  const timeLeft = boundByDeadline(event, Number.POSITIVE_INFINITY);
  const disclosure = await reserveRuleDisclosure(event, rule, session, body);
  const request = buildUpstreamRequest(event, route, session, useGateway().config, body, caller.forwardClientHeaders ?? true);
  request.timeoutMs = Math.min(request.timeoutMs, timeLeft);
  nameDocument(event, rule.response, route.params);
  let answer;
  const started = performance.now();
  try {
    answer = await forwardUpstream(event, request);
  } catch (failure) {
    recordUpstream(rule.id, started, failure);
    await disclosure.release();
    return failUpstreamCall(event, session, failure);
  }
  recordUpstream(rule.id, started);
  await disclosure.record(event, answer ? answer.status : 0);
  return { session, answer };
}

/** A rule handled by a use case goes to the caller's; a caller that has none (a Flow) does not know the rule. */
function handOver(event: H3Event, route: ProxyRoute, session: Session, caller: ProxyCaller): Promise<SentAnswer> {
  if (!caller.useCase) throw gatewayError("not_found");
  return caller.useCase(event, route, session);
}


import type { H3Event } from "h3";
import { forwardUpstream, sendHeldAnswer } from "#gateway-runtime";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { enforceRateLimit } from "./rate-limit";
import { buildUpstreamRequest, type HeldAnswer } from "./proxy-request";
import type { ProxyRoute } from "./proxy-route";
import type { ProxyLimit } from "./proxy-rules";
import { applyResponsePolicy } from "./proxy-shape";
import { endSession, type Session } from "./session";

/** Whom each limit counts: the session (its hashed key) or the session's number across all its sessions. */
const LIMIT_SUBJECTS: Record<ProxyLimit, (session: Session) => string> = {
  lookupSession: (session) => session.key,
  lookupMsisdn: (session) => session.record.msisdn,
};

/** Forwards one allowed call; an upstream 401 ends the gateway session too. */
export async function proxyToUpstream(event: H3Event, route: ProxyRoute, session: Session): Promise<Response | void> {
  for (const limit of route.rule.limits ?? []) await enforceRateLimit(event, limit, LIMIT_SUBJECTS[limit](session));
  const request = await buildUpstreamRequest(event, route, session, useGateway().config);
  let answer: HeldAnswer | Response | void;
  try {
    answer = await forwardUpstream(event, request);
  } catch (error) {
    if ((error as { data?: { code?: string } }).data?.code === "session_expired") await endSession(event, session);
    throw error;
  }
  if (!isHeld(answer)) return answer;
  const { response } = route.rule;
  // Only JSON answers are held (documents stream); a held answer without a schema would be a wiring mistake.
  if (response.kind !== "json") throw gatewayError("internal_error");
  return sendHeldAnswer(event, applyResponsePolicy(event, response.schema, answer, response.errors));
}

function isHeld(answer: HeldAnswer | Response | void): answer is HeldAnswer {
  return answer !== undefined && !(answer instanceof Response);
}

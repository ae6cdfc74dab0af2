import { defineEventHandler, type H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import { runItrCall } from "../features/itr";
import { upstreamError } from "../utils/errors";
import { recordUpstream } from "../utils/metrics";
import { useGateway } from "../utils/gateway";
import { reserveRuleDisclosure } from "../utils/id-disclosure";
import { buildUpstreamRequest, readRuleBody } from "../utils/proxy-request";
import { matchProxyRoute, type ProxyRoute } from "../utils/proxy-route";
import type { ProxyLimit } from "../utils/proxy-rules";
import { filterAnswer } from "../utils/proxy-shape";
import { enforceRateLimit } from "../utils/rate-limit";
import { requireServiceRunning } from "../utils/services";
import { endSession, requireSession, type Session } from "../utils/session";
import { rememberIssuedDocuments } from "../utils/whatsapp";

// Every proxied call, on both runtimes: match → session → build → forward → filter.
export default defineEventHandler(async (event) => {
  const route = matchProxyRoute(event);
  const paused = requireServiceRunning(event, route.rule.service);
  if (paused) await paused;
  const session = await requireSession(event);
  if (route.rule.limits) await enforceRouteLimits(event, route, session);
  if (route.rule.handledBy) return runItrCall(event, route, session, route.rule.handledBy);
  const body = route.rule.body ? await readRuleBody(event, route.rule, session) : undefined;
  const disclosure = await reserveRuleDisclosure(event, route.rule, session, body);
  const request = buildUpstreamRequest(event, route, session, useGateway().config, body);
  let answer;
  const started = performance.now();
  try {
    answer = await forwardUpstream(event, request);
  } catch (failure) {
    recordUpstream(route.rule.id, started, failure);
    await disclosure.release();
    const error = upstreamError(failure);
    if (error.data?.code === "session_expired") await endSession(event, session); // an upstream 401
    throw error;
  }
  recordUpstream(route.rule.id, started);
  await disclosure.record(event, answer ? answer.status : 0);
  if (answer && !(answer instanceof Response)) await rememberIssuedDocuments(event, route.rule.id, session, answer);
  return filterAnswer(event, route, answer);
});

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

async function enforceRouteLimits(event: H3Event, route: ProxyRoute, session: Session): Promise<void> {
  for (const limit of route.rule.limits ?? []) await enforceRateLimit(event, limit, LIMIT_SUBJECTS[limit](session));
}

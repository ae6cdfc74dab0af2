import { defineEventHandler } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import { buildUpstreamRequest, readRuleBody } from "../utils/proxy-request";
import { enforceRouteLimits, matchProxyRoute } from "../utils/proxy-route";
import { endsSession, filterAnswer } from "../utils/proxy-shape";
import { endSession, requireSession } from "../utils/session";

// Every proxied call, on both runtimes: match → session → build → forward → filter.
export default defineEventHandler(async (event) => {
  const route = matchProxyRoute(event);
  const session = await requireSession(event);
  if (route.rule.limits) await enforceRouteLimits(event, route, session);
  const body = route.rule.body ? await readRuleBody(event, route.rule, session) : undefined;
  const request = buildUpstreamRequest(event, route, session, body);
  let answer;
  try {
    answer = await forwardUpstream(event, request);
  } catch (error) {
    if (endsSession(error)) await endSession(event, session);
    throw error;
  }
  return filterAnswer(event, route, answer);
});

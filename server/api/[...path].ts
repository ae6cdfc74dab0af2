import { defineEventHandler } from "h3";
import { forwardUpstream, sendHeldAnswer } from "#gateway-runtime";
import { runItrCall } from "../features/itr";
import { rememberIssuedDocuments } from "../features/whatsapp";
import { failUpstreamCall, nameDocument, shapeAnswer } from "../proxy/answer";
import { buildUpstreamRequest, enforceRouteLimits, matchProxyRoute, readRuleBody } from "../proxy/request";
import { useGateway } from "../utils/gateway";
import { reserveRuleDisclosure } from "../utils/id-disclosure";
import { recordUpstream } from "../utils/metrics";
import { requireServiceRunning } from "../utils/services";
import { requireSession } from "../utils/session";

/**
 * Every proxied call, on both runtimes, in this order:
 * 1. match the allowlist (server/proxy/rules.ts): 400 for a dirty path, 404/405 for anything not listed;
 * 2. pause: a service operators paused answers 503 with Retry-After (the state is cached a second, so rarely awaited);
 * 3. session: an active one, or 401;
 * 4. limits: the rule's rate limits, taken before the call;
 * 5. a use case: a rule `handledBy` one (the ITR calls that need the session's own state) is answered by
 *    server/features/itr.ts from here on; it reads its body and calls the upstream through the same proxy helpers;
 * 6. body: the rule's JSON body, validated, with the session's identity bound over it;
 * 7. disclosure: a national ID's budgets, reserved before the call;
 * 8. build the one upstream request (validated query, session's token and secret keys) and forward it;
 *    the runtime asks server/proxy/answer.ts whether to hold, stream or refuse the answer;
 * 9. a failure is the gateway's error (an upstream 401 ends the session); a document has streamed (Node)
 *    or is the Response (workerd); a held answer is shaped by the rule's response policy and sent.
 */
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
  nameDocument(event, route.rule.response, route.params);
  let answer;
  const started = performance.now();
  try {
    answer = await forwardUpstream(event, request);
  } catch (failure) {
    recordUpstream(route.rule.id, started, failure);
    await disclosure.release();
    return failUpstreamCall(event, session, failure);
  }
  recordUpstream(route.rule.id, started);
  await disclosure.record(event, answer ? answer.status : 0);
  if (answer === undefined || answer instanceof Response) return answer;
  await rememberIssuedDocuments(event, route.rule.id, session, answer);
  return sendHeldAnswer(event, shapeAnswer(event, route.rule.response, answer));
});

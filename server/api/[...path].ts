import { defineEventHandler } from "h3";
import { sendHeldAnswer } from "#gateway-runtime";
import { runItrCall } from "../features/itr";
import { rememberIssuedDocuments } from "../features/whatsapp";
import { shapeAnswer } from "../proxy/answer";
import { callProxyRule, type ProxyCaller } from "../proxy/call";
import { matchProxyRoute, readRuleBody } from "../proxy/request";
import { requireSession } from "../utils/session";

/**
 * Every proxied call, on both runtimes, in this order (steps 2 to 9 are server/proxy/call.ts's callProxyRule,
 * the one path to the upstream, which WhatsApp Flows take too):
 * 1. match the allowlist (server/proxy/rules.ts): 400 for a dirty path, 404/405 for anything not listed;
 * 2. pause: a service operators paused answers 503 with Retry-After (the state is cached a second, so rarely awaited);
 * 3. session: an active one, or 401;
 * 4. limits: the rule's rate limits, taken before the call;
 * 5. a use case: a rule `handledBy` one (the ITR calls that need the session's own state) is answered by the
 *    caller's use case from here on (the browser's: server/features/itr.ts runItrCall), which reads its body and
 *    calls the upstream through the same proxy helpers (credentials, answer judged, failUpstreamCall);
 * 6. body: the rule's JSON body, validated, with the session's identity bound over it;
 * 7. disclosure: a national ID's budgets, reserved before the call;
 * 8. build the one upstream request (validated query, session's token and secret keys) and forward it;
 *    the runtime asks server/proxy/answer.ts whether to hold, stream or refuse the answer;
 * 9. a failure is the gateway's error (an upstream 401 ends the session); a document has streamed (Node)
 *    or is the Response (workerd); a held answer is shaped by the rule's response policy and sent.
 */
export default defineEventHandler(async (event) => {
  const route = matchProxyRoute(event);
  const { session, answer, answered } = await callProxyRule(event, route, FROM_THE_BROWSER);
  if (answered !== undefined) return answered;
  if (answer === undefined || answer instanceof Response) return answer;
  await rememberIssuedDocuments(event, route.rule.id, session, answer);
  return sendHeldAnswer(event, shapeAnswer(event, route.rule.response, answer));
});

/** A browser's call: the session from its cookie, the body from the request, the ITR use case for its rules. */
const FROM_THE_BROWSER: ProxyCaller = { session: requireSession, body: readRuleBody, useCase: runItrCall };

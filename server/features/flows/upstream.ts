// Flows reach the upstream only through the proxy's own path (server/proxy/call.ts, callProxyRule): the same
// allowlisted rule, body and query schemas, identity binding (PIN and number from the session), limits, pause
// switch, disclosure budgets, credentials and response policy as the web pages' `/api/…` calls. No second path.
import type { H3Event } from "h3";
import { shapeAnswer } from "../../proxy/answer";
import { callProxyRule } from "../../proxy/call";
import { proxyRules } from "../../proxy/rules";
import { validateFields } from "../../utils/body";
import { gatewayError } from "../../utils/errors";
import type { Session } from "../../utils/session";
import { rememberIssuedDocuments } from "../whatsapp";

/** The rules the three Flows use, by id. */
export type FlowRuleId = "checkers.pin" | "returns.obligations" | "returns.filling-period" | "returns.file" | "returns.liabilities";

/** The answer after the rule's response policy: what the web page would have received. */
export interface ShapedAnswer { status: number; body: unknown }

const rulesById = new Map(proxyRules.map((rule) => [rule.id, rule]));

/** One call of a proxy rule for a Flow session, its fields given as the rule's body or query. Throws the gateway's errors. */
export async function callFlowRule(
  event: H3Event, session: Session, ruleId: FlowRuleId, input: { body?: Record<string, unknown>; query?: Record<string, string> } = {},
): Promise<ShapedAnswer> {
  const rule = rulesById.get(ruleId)!;
  const route = { rule, params: {}, query: input.query ? new URLSearchParams(input.query).toString() : "" };
  const { answer } = await callProxyRule(event, route, {
    session: async () => activeSession(session),
    body: () => validateFields(rule.body!, input.body ?? {}, "invalid_body") as Record<string, unknown>,
    forwardClientHeaders: false,
  });
  if (!answer || answer instanceof Response) throw new Error(`rule ${rule.id} is not a JSON rule`);
  if (answer.status === 304) throw gatewayError("upstream_error"); // nothing of the client's was asked for: no cache to validate
  await rememberIssuedDocuments(event, rule.id, session, answer);
  const shaped = shapeAnswer(event, rule.response, answer);
  return { status: shaped.status, body: parseShaped(shaped.body) };
}

/** As requireSession's: only a signed-in session with its token calls the upstream. */
function activeSession(session: Session): Session {
  if (session.record.state !== "active" || !session.record.token) throw gatewayError("session_required");
  return session;
}

/** Anything but a JSON answer (an empty 304, a non-JSON body) is the upstream's failure: the error screen, never a 500. */
function parseShaped(body: Uint8Array | string): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
  } catch {
    throw gatewayError("upstream_error");
  }
}

// POST /whatsapp/flows (README: WhatsApp Flows): signature first (432, nothing decrypted), then the envelope
// (421), the flow token (427), the pause switch, and the Flow's step. Called by WhatsApp's servers, not a
// browser: no cookie is read or set, and every answer after decryption is sealed under the request's key.
import { getRequestHeader, isError, type H3Event } from "h3";
import { z } from "zod";
import { ERROR_CATALOG, isErrorCode } from "../../shared/error-codes";
import { readBoundedBody } from "../../utils/body";
import { ConfigError, type FlowsConfig } from "../../utils/config";
import { sha256 } from "../../utils/crypto";
import { gatewayError, type GatewayErrorData } from "../../utils/errors";
import { useGateway } from "../../utils/gateway";
import { writeLog } from "../../utils/log";
import { countFlowRequest } from "../../utils/metrics";
import { recordAudit } from "../../utils/audit";
import { requireServiceRunning } from "../../utils/services";
import { setUpstreamDeadline } from "../../utils/deadline";
import { endSession, openStoredSession, saveSession, type Session } from "../../utils/session";
import { hasValidSignature, importFlowKeys, openEnvelope, sealAnswer } from "./envelope";
import { nilReturn } from "./nil-return";
import { pinChecker } from "./pin-checker";
import { inputScreen, noticeScreen, SHARED_SCREENS, type FlowContext, type FlowDefinition, type FlowReply, type FlowScreen } from "./screens";
import { otpStep, signIn } from "./sign-in";
import { flowLanguage } from "./language";
import { FLOW_TEXT } from "./text";
import { verifyFlowToken, type FlowClaims, type FlowName } from "./token";
import { whatIOwe } from "./what-i-owe";

export const FLOWS: Record<FlowName, FlowDefinition> = { "pin-checker": pinChecker, "nil-return": nilReturn, "what-i-owe": whatIOwe };
/** Meta's envelopes are a few kilobytes. */
const BODY_MAX_BYTES = 64 * 1024;

const flowRequest = z.object({
  version: z.literal("3.0"),
  action: z.enum(["ping", "INIT", "data_exchange", "BACK"]),
  screen: z.string().max(64).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  flow_token: z.string().max(256).optional(),
});

/** The feature's settings; with NITRO_FLOWS_PRIVATE_KEY or NITRO_WHATSAPP_APP_SECRET unset the route does not exist (404). */
export function requireFlows(_event: H3Event): FlowsConfig {
  const { flows } = useGateway().config;
  if (!flows) throw gatewayError("not_found");
  return flows;
}

/** The endpoint's answer (base64 text/plain), or a refusal thrown; counted by Flow, action and status. */
export async function answerFlowRequest(event: H3Event, flows: FlowsConfig): Promise<string> {
  const started = performance.now();
  const seen = { flow: "unknown", action: "unknown" };
  try {
    const answer = await openAndAnswer(event, flows, seen);
    countFlowRequest(seen.flow, seen.action, 200, started);
    return answer;
  } catch (error) {
    countFlowRequest(seen.flow, seen.action, isError(error) ? error.statusCode : 500, started);
    throw error;
  }
}

async function openAndAnswer(event: H3Event, flows: FlowsConfig, seen: { flow: string; action: string }): Promise<string> {
  event.context.sessionEnded = true; // no cookie on this route: ending a Flow's session never writes a clearing cookie
  setUpstreamDeadline(event, flows.timeoutMs); // the identity service's calls and the proxy's
  const raw = await readBoundedBody(event, BODY_MAX_BYTES);
  if (!(await hasValidSignature(flows.appSecret, raw, getRequestHeader(event, "x-hub-signature-256")))) refuse(event, "flow_signature");
  const opened = await openEnvelope(await usableKeys(flows), raw);
  if (!opened) refuse(event, "flow_undecryptable");
  const request = flowRequest.safeParse(opened.payload);
  if (!request.success) refuse(event, "bad_request");
  seen.action = request.data.action;
  if (request.data.action === "ping") return sealAnswer(opened, { data: { status: "active" } });
  const claims = await verifyFlowToken(useGateway().config.link.secrets, request.data.flow_token);
  if (!claims) refuse(event, "flow_token_invalid");
  seen.flow = claims.flow;
  // A request from a screen of another Flow: the chat platform sent this token in the wrong Flow message.
  if (request.data.screen !== undefined && !isScreenOf(claims.flow, request.data.screen)) refuse(event, "flow_token_invalid");
  if (request.data.data?.error !== undefined) return sealAnswer(opened, acknowledge(event, request.data.data));
  const reply = await runFlow(event, claims, request.data.flow_token!, request.data.action, request.data.data ?? {});
  return sealAnswer(opened, reply);
}

const isScreenOf = (flow: FlowName, screen: string) =>
  (SHARED_SCREENS as readonly string[]).includes(screen) || FLOWS[flow].screens.includes(screen);

async function usableKeys(flows: FlowsConfig) {
  try {
    return await importFlowKeys(flows);
  } catch (error) {
    if (error instanceof ConfigError) writeLog({ level: "error", msg: error.message });
    throw gatewayError("service_unavailable");
  }
}

/** Every refusal is logged by its code only: never the payload, the token or the number. */
function refuse(event: H3Event, code: "flow_signature" | "flow_undecryptable" | "flow_token_invalid" | "bad_request"): never {
  writeLog({ level: "warn", msg: "flow request refused", requestId: event.context.requestId, code });
  throw gatewayError(code);
}

/** WhatsApp's error notification (`data.error`): logged by its code, acknowledged. */
function acknowledge(event: H3Event, data: Record<string, unknown>): { data: { acknowledged: true } } {
  const code = typeof data.error === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(data.error) ? data.error : "unknown";
  writeLog({ level: "warn", msg: "flow error notification", requestId: event.context.requestId, code });
  return { data: { acknowledged: true } };
}

/** The Flow's answer for this action; refusals after the token check become a screen in the Flow's language. */
async function runFlow(event: H3Event, claims: FlowClaims, token: string, action: string, data: Record<string, unknown>): Promise<unknown> {
  const definition = FLOWS[claims.flow];
  const key = await sha256(`flow\n${token}`);
  const session = await openStoredSession(event, key);
  const language = session?.record.flow?.language ?? (await flowLanguage(claims.language, claims.msisdn));
  const text = FLOW_TEXT[language];
  try {
    await requireServiceRunning(event, "flows");
    if (!session) {
      if (action !== "INIT") throw gatewayError("flow_token_invalid");
      const started = await signIn({ event, claims, text }, key, language);
      if (!("session" in started) || started.screen) return started.screen;
      const context = { event, session: started.session, claims, text };
      return await finish(context, token, await definition.start(context));
    }
    event.context.msisdn = session.record.msisdn;
    const context = { event, session, claims, text };
    const last = session.record.flow!.screen;
    // Signed in (directly, or by the SMS code), but the first screen failed (an upstream error): any action tries it again.
    if (!last || (session.record.state === "active" && session.record.flow!.step === "otp")) return await finish(context, token, await definition.start(context), JSON.stringify(session.record));
    if (action !== "data_exchange") return { screen: last.id, data: last.data };
    const step = session.record.state === "pending_otp" ? otpStep(definition.start) : definition.steps[session.record.flow!.step];
    const input = step?.payload.safeParse(data);
    if (!input?.success) {
      await recordAudit(event, "flow.refused", { flow: claims.flow, reason: "invalid_input" });
      return inputScreen(last.id, last.data, text.invalid);
    }
    const before = JSON.stringify(session.record);
    return await finish(context, token, await step!.next(context, input.data), before);
  } catch (error) {
    const code = (error as { data?: GatewayErrorData }).data?.code;
    if (!isError(error) || !isErrorCode(code) || code === "flow_token_invalid") throw error;
    return noticeScreen(text, ERROR_CATALOG[code][language]);
  }
}

/**
 * Saves the Flow's progress, when there is any (a refused input or a wrong code changes nothing, and a write then
 * could bring back a session a parallel request just ended); at its end, the session ends and WhatsApp gets the
 * summary to post in the chat.
 */
async function finish(
  context: FlowContext, token: string, reply: FlowReply, before?: string,
): Promise<FlowScreen | { screen: "SUCCESS"; data: unknown }> {
  const { event, session } = context;
  if ("end" in reply) {
    await endSession(event, session as Session, "flow_completed");
    return { screen: "SUCCESS", data: { extension_message_response: { params: { flow_token: token, summary: reply.end } } } };
  }
  // A Flow's own notice (nothing to file, KRA refused) is final: its button closes the Flow without calling here,
  // so the session (and its upstream token) ends now; a replay of the token is then refused (427).
  if (reply.screen === "NOTICE" || reply.screen === "NOT_REGISTERED") {
    await endSession(event, session as Session, "flow_completed");
    return reply;
  }
  if (JSON.stringify(session.record) !== before) await saveSession(event, session);
  return reply;
}

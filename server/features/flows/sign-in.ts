// A Flow's sign-in, as the web app's (server/features/entry.ts, otp.ts): /init for the token's number, then in `otp`
// mode /otp and an SMS code checked by /validate-otp under the same per-number limits and per-session attempt
// budget as POST /session/otp. The session is keyed by a hash of the flow token and sealed like a web session.
import { z } from "zod";
import type { Language } from "../../shared/language";
import { maskMsisdn } from "../../shared/mask";
import { recordAudit } from "../../utils/audit";
import { gatewayError } from "../../utils/errors";
import { useGateway } from "../../utils/gateway";
import { checkRegistration, sendOtp, tokenExpiry, validateOtp } from "../../utils/identity";
import { taxpayerFacts } from "../entry";
import { failOtp, spendOtpAttempt } from "../otp";
import { enforceRateLimit } from "../../utils/rate-limit";
import { saveSession, storeSession, type Session, type SessionRecord } from "../../utils/session";
import { createSignedLink } from "../../utils/signed-link";
import { inputScreen, type FlowContext, type FlowReply, type FlowScreen, type FlowStep } from "./screens";
import type { FlowClaims } from "./token";
import type { FlowText } from "./text";

const NONCE_SKEW_SECONDS = 30;

/**
 * A new Flow run: the token's nonce is claimed (a token runs one Flow, once: a replay after its session
 * ended is 427), then /init. An unregistered number gets the web sign-up link and no session. As at web entry,
 * the nonce is given back when the identity service failed (5xx) or a limit refused (429), so the same Flow message can be tried again.
 * Returns the session (and the SMS code screen in `otp` mode), or the screen that ends the run here.
 */
export async function signIn(
  context: Omit<FlowContext, "session">, key: string, language: Language,
): Promise<{ session: Session; screen?: FlowScreen } | { screen: FlowScreen }> {
  const { event, claims, text } = context;
  const { config, store } = useGateway();
  event.context.msisdn = claims.msisdn;
  const nonce = `flow:${claims.nonce}`;
  if (!(await store.claimNonce(nonce, claims.exp - Math.floor(Date.now() / 1000) + NONCE_SKEW_SECONDS))) throw gatewayError("flow_token_invalid");
  try {
    const registration = await checkRegistration(event, claims.msisdn);
    if (!registration.registered) return { screen: await notRegistered(text, claims) };
    const now = Date.now();
    const record: SessionRecord = {
      msisdn: claims.msisdn, name: registration.name, ...taxpayerFacts(registration), state: "pending_otp", createdAt: now, lastSeenAt: now,
      flow: { name: claims.flow, language, step: "otp" },
    };
    return config.identity.mode === "direct" ? await signInDirect(context, { key, record }, registration.token) : await askForCode(context, { key, record });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500 || status === 429) await store.releaseNonce(nonce);
    throw error;
  }
}

/** `direct` mode: /init's token, at once. */
async function signInDirect(context: Omit<FlowContext, "session">, session: Session, token: string | undefined): Promise<{ session: Session }> {
  if (!token) throw gatewayError("identity_unavailable");
  session.record = { ...session.record, state: "active", token, tokenExpiresAt: tokenExpiry(token) };
  await storeSession(session);
  await recordAudit(context.event, "session.created", { mode: "flow-direct", flow: context.claims.flow });
  await recordAudit(context.event, "flow.signed_in", { flow: context.claims.flow });
  return { session };
}

/** `otp` mode: /otp within the number's send limit (shared with web entries), then the SMS code screen. */
async function askForCode(context: Omit<FlowContext, "session">, session: Session): Promise<{ session: Session; screen: FlowScreen }> {
  const { event, claims, text } = context;
  await enforceRateLimit(event, "otpSendMsisdn", claims.msisdn);
  await sendOtp(event, claims.msisdn);
  await recordAudit(event, "otp.sent");
  const screen = otpScreen(text, claims.msisdn);
  session.record.flow = { ...session.record.flow!, screen: { id: screen.screen, data: screen.data } };
  await storeSession(session);
  await recordAudit(event, "session.created", { mode: "flow-otp", flow: claims.flow });
  return { session, screen };
}

function otpScreen(text: FlowText, msisdn: string, error = ""): FlowScreen {
  return inputScreen("SIGN_IN", { intro: text.otpIntro(maskMsisdn(msisdn)), otp_label: text.otpLabel, submit: text.submit }, error);
}

/** Where to sign up: a fresh signed entry link to the web app for this number (its OTP leads to sign-up). */
async function notRegistered(text: FlowText, claims: FlowClaims): Promise<FlowScreen> {
  const { config } = useGateway();
  const url = await createSignedLink({ secret: config.link.secrets[0], publicOrigin: config.publicOrigin, phone: claims.msisdn });
  return { screen: "NOT_REGISTERED", data: { message: text.notRegistered, link_text: text.signUp, signup_url: url, done: text.done } };
}

/**
 * The SMS code: per-number limit, then one of the session's attempts taken atomically (the same counter and
 * NITRO_OTP_MAX_ATTEMPTS as the web's), then /validate-otp. Past the budget the session ends.
 * `start` is the Flow's first screen once signed in.
 */
export function otpStep(start: (context: FlowContext) => Promise<FlowReply>): FlowStep {
  return {
    payload: z.strictObject({ otp: z.string().trim().regex(/^[A-Za-z0-9]{4,8}$/).transform((otp) => otp.toUpperCase()) }),
    async next(context, input) {
      const { event, session, text } = context;
      const { msisdn } = session.record;
      await enforceRateLimit(event, "otpVerifyMsisdn", msisdn);
      const attempt = await spendOtpAttempt(event, session, useGateway().config.session.otpMaxAttempts);
      const proof = await validateOtp(event, msisdn, input.otp);
      await recordAudit(event, proof ? "otp.right" : "otp.wrong");
      if (!proof) {
        if (attempt >= useGateway().config.session.otpMaxAttempts) await failOtp(event, session);
        return otpScreen(text, msisdn, text.otpWrong);
      }
      session.record = { ...session.record, state: "active", token: proof.token, tokenExpiresAt: proof.expiresAt, lastSeenAt: Date.now() };
      await saveSession(event, session);
      await recordAudit(event, "flow.signed_in", { flow: session.record.flow!.name });
      return start(context);
    },
  };
}

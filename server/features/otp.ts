import type { H3Event } from "h3";
import { z } from "zod";
import { recordAudit } from "../utils/audit";
import { readValidatedBody } from "../utils/body";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { proveOtp, sendOtp, validateOtp, type IdentityToken } from "../utils/identity";
import { getClientNetwork } from "../utils/client-address";
import { enforceRateLimit } from "../utils/rate-limit";
import { endSession, requireSession, rotateSession, sessionCounterTtlSeconds, type Session, type SessionRecord } from "../utils/session";

const OTP_BODY_MAX_BYTES = 512;
const otpFields = z.object({
  otp: z.string().trim().regex(/^[A-Za-z0-9]{4,8}$/).transform((otp) => otp.toUpperCase()),
  // Set by the OTP page's script, empty without JavaScript: whether the home page may come as the answer (new-session-page.ts).
  js: z.enum(["", "1"]).optional(),
});
type OtpFields = z.infer<typeof otpFields>;

export async function readOtpFields(event: H3Event): Promise<OtpFields> {
  return readValidatedBody(event, otpFields, { maxBytes: OTP_BODY_MAX_BYTES, refusal: "invalid_otp" });
}

export async function completeOtp(event: H3Event, otp: string): Promise<Session> {
  const { config } = useGateway();
  const session = await requireSession(event, "pending_otp");
  const { msisdn } = session.record;
  await enforceRateLimit(event, "otpVerifyIp", getClientNetwork(event, config.trustProxyHops));
  await enforceRateLimit(event, "otpVerifyMsisdn", msisdn);
  const attempt = await spendOtpAttempt(event, session, config.session.otpMaxAttempts);
  const proof = session.record.signup ? await proveOtp(event, msisdn, otp) : await validateOtp(event, msisdn, otp);
  await recordAudit(event, proof ? "otp.right" : "otp.wrong");
  if (!proof) {
    if (attempt >= config.session.otpMaxAttempts) await failOtp(event, session);
    throw gatewayError("invalid_otp");
  }
  return rotateSession(event, session, nextRecord(session, proof));
}

/** An unregistered number's OTP proves the phone only: whatever token came back is dropped, never used. */
function nextRecord(session: Session, proof: IdentityToken | true): SessionRecord {
  const { signup: _signup, ...record } = session.record;
  if (proof === true) return { ...record, state: "phone_verified", lastSeenAt: Date.now() };
  return { ...record, token: proof.token, tokenExpiresAt: proof.expiresAt, state: "active", lastSeenAt: Date.now() };
}

/** This guess's number (1, 2, …); past the budget the session ends before any identity call. */
export async function spendOtpAttempt(event: H3Event, session: Session, maxAttempts: number): Promise<number> {
  const attempt = await useGateway().store.incrementCounter(`otp:${session.key}`, sessionCounterTtlSeconds(session));
  if (attempt > maxAttempts) await failOtp(event, session);
  return attempt;
}

export async function failOtp(event: H3Event, session: Session): Promise<never> {
  await endSession(event, session, "otp_exhausted");
  throw gatewayError("otp_attempts_exceeded");
}

export async function resendOtp(event: H3Event): Promise<void> {
  const session = await requireSession(event, "pending_otp");
  await enforceRateLimit(event, "otpSendMsisdn", session.record.msisdn);
  await sendOtp(event, session.record.msisdn);
  await recordAudit(event, "otp.sent");
}

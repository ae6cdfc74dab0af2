import type { H3Event } from "h3";
import { z } from "zod";
import { readFormFields } from "./body";
import { getClientIp } from "./client-ip";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { sendOtp, validateOtp } from "./identity";
import { enforceRateLimit } from "./rate-limit";
import { endSession, requireSession, rotateSession, saveSession, type Session } from "./session";

const OTP_BODY_MAX_BYTES = 512;
const otpFields = z.object({
  otp: z.string().trim().regex(/^[A-Za-z0-9]{4,8}$/).transform((otp) => otp.toUpperCase()),
});

export async function readOtp(event: H3Event): Promise<string> {
  const parsed = otpFields.safeParse(await readFormFields(event, OTP_BODY_MAX_BYTES));
  if (!parsed.success) throw gatewayError("invalid_otp");
  return parsed.data.otp;
}

/**
 * POST /session/otp: a right code turns the pending session into an active one
 * under a new id; each wrong code uses up one of the session's attempts.
 */
export async function completeOtp(event: H3Event, otp: string): Promise<Session> {
  const { config } = useGateway();
  const session = await requireSession(event, "pending_otp");
  const { msisdn } = session.record;
  await enforceRateLimit(event, "otpVerifyIp", getClientIp(event, config.trustProxyHops));
  await enforceRateLimit(event, "otpVerifyMsisdn", msisdn);
  await spendOtpAttempt(event, session, config.session.otpMaxAttempts);
  const token = await validateOtp(event, msisdn, otp);
  if (!token) {
    if (session.record.otpAttempts >= config.session.otpMaxAttempts) await failOtp(event, session);
    throw gatewayError("invalid_otp");
  }
  const now = Date.now();
  return rotateSession(event, session, {
    ...session.record, token: token.token, tokenExpiresAt: token.expiresAt,
    state: "active", lastSeenAt: now, otpAttempts: 0,
  });
}

async function spendOtpAttempt(event: H3Event, session: Session, maxAttempts: number): Promise<void> {
  if (session.record.otpAttempts >= maxAttempts) await failOtp(event, session);
  session.record.otpAttempts += 1;
  await saveSession(session);
}

async function failOtp(event: H3Event, session: Session): Promise<never> {
  await endSession(event, session);
  throw gatewayError("otp_attempts_exceeded", { clearSession: true });
}

/** POST /session/otp/resend: another code for the pending session, within the per-number send limit. */
export async function resendOtp(event: H3Event): Promise<void> {
  const session = await requireSession(event, "pending_otp");
  await enforceRateLimit(event, "otpSendMsisdn", session.record.msisdn);
  await sendOtp(event, session.record.msisdn);
}

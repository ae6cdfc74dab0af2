import type { H3Event } from "h3";
import { z } from "zod";
import type { EtimsSignupResult, IdentityFields } from "../../shared/signup";
import { recordAudit, recordIdentityAudit } from "../../utils/audit";
import { taxpayerFacts } from "../entry";
import { gatewayError } from "../../utils/errors";
import { matchIdentity, requireSignupSession } from "./identity-match";
import { callIdentity, checkRegistration, sendOtp } from "../../utils/identity";
import { enforceRateLimit, reserveRegistration } from "../../utils/rate-limit";
import { requireServiceRunning } from "../../utils/services";
import { rotateSession, type Session } from "../../utils/session";

// README: Upstream API, sign-up and identity lookup; the apps tell a taxpayer in progress to "try logging in again shortly".
const registerAnswer = z.object({ code: z.number().optional(), message: z.string().max(1000).optional() });
const RETRY_AFTER_SECONDS = 300;

export async function registerForEtims(event: H3Event, fields: IdentityFields): Promise<EtimsSignupResult> {
  await requireServiceRunning(event, "etims");
  const session = await requireSignupSession(event);
  const { msisdn } = session.record;
  // A match here answers `vat_registered` or a registration outcome: it costs what a shown PIN costs.
  const person = await matchIdentity(event, msisdn, { idNumber: fields.id_number, yob: fields.yob }, "pin");
  if (person.hasVat || session.record.hasVat) throw gatewayError("vat_registered");
  const enrolment = await reserveRegistration(event, "etimsEnrolmentMsisdn", msisdn, fields.id_number);
  const outcome = await registerTaxPayer(event, msisdn, fields.id_number).catch(async (error) => {
    const refused = error?.data?.code === "registration_refused";
    if (refused) await recordIdentityAudit(event, "registration.refused", fields.id_number, { reason: "upstream" });
    if ((refused && error.data.clear === true) || error?.data?.unsent === true) await enrolment.release();
    throw error;
  });
  if (outcome === "done") await recordIdentityAudit(event, "etims.enrolled", fields.id_number);
  if (outcome === "in_progress") return { outcome, retryAfterSeconds: RETRY_AFTER_SECONDS };
  return signInAgain(event, session);
}


/**
 * Code 5 and any "etims inactive" message count as done (as the apps read them), 22 as in progress.
 * A refusal in a JSON 4xx is clear (nothing was registered); one in a 2xx is not.
 */
async function registerTaxPayer(event: H3Event, msisdn: string, idNumber: string): Promise<"done" | "in_progress"> {
  const answer = await callIdentity(event, "/register-tax-payer", { id_number: idNumber, msisdn });
  if (answer.status >= 500) throw gatewayError("upstream_unavailable");
  const parsed = registerAnswer.safeParse(answer.body);
  if (!parsed.success) throw gatewayError("upstream_error");
  const { code, message = "" } = parsed.data;
  if (/etims inactive/i.test(message)) return "done";
  if (answer.ok && code === 5) return "done";
  if (answer.ok && code === 22) return "in_progress";
  const clear = answer.status >= 400 && typeof answer.body === "object" && answer.body !== null;
  throw gatewayError("registration_refused", clear ? { clear: true } : {});
}

/**
 * The same OTP step as an entry, for the session's own number: /init must now know it,
 * a new code goes to it, and the session becomes a pending one under a new id. Until
 * /init knows the number, the user is told to come back (the session stays as it is).
 */
async function signInAgain(event: H3Event, session: Session): Promise<EtimsSignupResult> {
  const { msisdn, createdAt } = session.record;
  const registration = await checkRegistration(event, msisdn);
  if (!registration.registered) return { outcome: "not_active_yet", retryAfterSeconds: RETRY_AFTER_SECONDS };
  await enforceRateLimit(event, "otpSendMsisdn", msisdn);
  await sendOtp(event, msisdn);
  await recordAudit(event, "otp.sent");
  await rotateSession(event, session, {
    msisdn, name: registration.name, ...taxpayerFacts(registration), state: "pending_otp", createdAt, lastSeenAt: Date.now(),
  });
  return { outcome: "registered", next: "/otp" };
}

import type { H3Event } from "h3";
import { z } from "zod";
import { KRA_PIN } from "../../shared/schemas";
import type { IdentityFields, PinApplicant, PinApplicantFields, PinRegistration, PinRetrieval } from "../../shared/signup";
import { recordIdentityAudit } from "../../utils/audit";
import { gatewayError } from "../../utils/errors";
import { matchIdentity, requireSignupSession } from "./identity-match";
import { useGateway } from "../../utils/gateway";
import { callIdentity } from "../../utils/identity";
import { reserveRegistration } from "../../utils/rate-limit";
import { requireServiceRunning } from "../../utils/services";
import { saveSession } from "../../utils/session";

const PIN_REGISTRATION_TIMEOUT_MS = 60_000; // README: Upstream API, TCC and PIN registration (the apps wait a minute)
const registrationAnswer = z.object({
  success: z.boolean().optional(),
  error: z.unknown().optional(),
  pin: z.string().regex(KRA_PIN).optional().catch(undefined),
  kra_pin: z.string().regex(KRA_PIN).optional().catch(undefined),
  receipt_number: z.string().regex(/^[A-Za-z0-9/-]{1,40}$/).optional().catch(undefined),
});

export async function checkPinApplicant(event: H3Event, fields: PinApplicantFields): Promise<PinApplicant> {
  await requireServiceRunning(event, "pin");
  const session = await requireSignupSession(event);
  const claim = { idNumber: fields.id_number, yob: fields.yob, firstName: fields.first_name, type: fields.type };
  const person = await matchIdentity(event, session.record.msisdn, claim, "pin");
  if (person.pin) throw gatewayError("pin_exists");
  await saveSession(event, { ...session, record: { ...session.record, pinApplicant: { idNumber: fields.id_number, type: fields.type } } });
  return { name: person.name };
}

export async function registerPin(event: H3Event, email: string): Promise<PinRegistration> {
  await requireServiceRunning(event, "pin");
  const session = await requireSignupSession(event);
  const { msisdn, pinApplicant } = session.record;
  if (!pinApplicant) throw gatewayError("pin_applicant_required");
  const { store } = useGateway();
  const running = `pinreg:${session.key}`;
  if (!(await store.claimNonce(running, PIN_REGISTRATION_TIMEOUT_MS / 1000 + 5))) throw gatewayError("pin_applicant_required");
  try {
    const registration = await reserveRegistration(event, "pinRegistrationMsisdn", msisdn, pinApplicant.idNumber);
    const body = { type: pinApplicant.type, email, msisdn, id_number: pinApplicant.idNumber };
    const answer = await callIdentity(event, "/pin-registration", body, PIN_REGISTRATION_TIMEOUT_MS).catch(async (error) => {
      if (error?.data?.unsent === true) await registration.release(); // never connected: nothing was registered
      throw error;
    });
    const parsed = registrationAnswer.safeParse(answer.body);
    const refused = !answer.ok || !parsed.success || parsed.data.success === false || parsed.data.error;
    if (refused) {
      if (isClearRefusal(answer)) await registration.release();
      await recordIdentityAudit(event, "registration.refused", pinApplicant.idNumber, { reason: answer.status >= 500 ? "upstream_5xx" : "upstream" });
      throw gatewayError(answer.status >= 500 ? "upstream_unavailable" : "registration_refused");
    }
    await recordIdentityAudit(event, "pin.registered", pinApplicant.idNumber);
    await saveSession(event, { ...session, record: { ...session.record, pinApplicant: undefined } });
    return { pin: parsed.data.pin ?? parsed.data.kra_pin ?? null, receiptNumber: parsed.data.receipt_number ?? null };
  } finally {
    await store.releaseNonce(running);
  }
}

/** A 4xx with a JSON body: KRA read the request and said no. */
function isClearRefusal(answer: { status: number; body: unknown }): boolean {
  return answer.status >= 400 && answer.status < 500 && typeof answer.body === "object" && answer.body !== null;
}

export async function retrievePin(event: H3Event, fields: IdentityFields): Promise<PinRetrieval> {
  await requireServiceRunning(event, "pin");
  const { record } = await requireSignupSession(event, ["phone_verified", "active"]);
  const person = await matchIdentity(event, record.msisdn, { idNumber: fields.id_number, yob: fields.yob }, "pin");
  if (!person.pin) {
    await recordIdentityAudit(event, "pin.not_found", fields.id_number);
    throw gatewayError("pin_not_found");
  }
  await recordIdentityAudit(event, "pin.shown", fields.id_number);
  return { name: person.name, pin: person.pin };
}

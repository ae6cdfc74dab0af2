import type { H3Event } from "h3";
import { z } from "zod";
import type { PinApplicant, PinApplicantFields, PinRegistration } from "../shared/signup";
import { gatewayError } from "./errors";
import { matchIdentity } from "./id-lookup";
import { useGateway } from "./gateway";
import { callIdentity } from "./identity";
import { saveSession } from "./session";
import { requireSignupSession } from "./signup-call";

const PIN_REGISTRATION_TIMEOUT_MS = 60_000; // README: Upstream API, TCC and PIN registration (the apps wait a minute)
const KRA_PIN = /^[AP]\d{9}[A-Z]$/;
const registrationAnswer = z.object({
  success: z.boolean().optional(),
  error: z.unknown().optional(),
  pin: z.string().regex(KRA_PIN).optional().catch(undefined),
  kra_pin: z.string().regex(KRA_PIN).optional().catch(undefined),
  receipt_number: z.string().regex(/^[A-Za-z0-9/-]{1,40}$/).optional().catch(undefined),
});

/**
 * POST /session/pin/applicant: ID, year of birth and first name must match `id-lookup`
 * (residents as `alien`); an ID that already has a PIN is sent to retrieval.
 * The matched ID is kept in the session: the registration step cannot name another.
 */
export async function checkPinApplicant(event: H3Event, fields: PinApplicantFields): Promise<PinApplicant> {
  const session = await requireSignupSession(event);
  const claim = { idNumber: fields.id_number, yob: fields.yob, firstName: fields.first_name, type: fields.type };
  const person = await matchIdentity(event, session.record.msisdn, claim);
  if (person.pin) throw gatewayError("pin_exists");
  await saveSession(event, { ...session, record: { ...session.record, pinApplicant: { idNumber: fields.id_number, type: fields.type } } });
  return { name: person.name };
}

/**
 * POST /session/pin/register: `pin-registration` for the matched applicant and the session's number,
 * once: a second call while one is running (a double tap, a replay) is refused without reaching KRA.
 */
export async function registerPin(event: H3Event, email: string): Promise<PinRegistration> {
  const session = await requireSignupSession(event);
  const { msisdn, pinApplicant } = session.record;
  if (!pinApplicant) throw gatewayError("pin_applicant_required");
  const { store } = useGateway();
  const running = `pinreg:${session.key}`;
  if (!(await store.claimNonce(running, PIN_REGISTRATION_TIMEOUT_MS / 1000 + 5))) throw gatewayError("pin_applicant_required");
  try {
    const body = { type: pinApplicant.type, email, msisdn, id_number: pinApplicant.idNumber };
    const answer = await callIdentity(event, "/pin-registration", body, PIN_REGISTRATION_TIMEOUT_MS);
    if (answer.status >= 500) throw gatewayError("upstream_unavailable");
    const parsed = registrationAnswer.safeParse(answer.body);
    if (!answer.ok || !parsed.success || parsed.data.success === false || parsed.data.error) throw gatewayError("registration_refused");
    await saveSession(event, { ...session, record: { ...session.record, pinApplicant: undefined } });
    return { pin: parsed.data.pin ?? parsed.data.kra_pin ?? null, receiptNumber: parsed.data.receipt_number ?? null };
  } finally {
    await store.releaseNonce(running);
  }
}

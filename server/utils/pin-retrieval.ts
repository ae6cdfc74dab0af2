import type { H3Event } from "h3";
import type { IdentityFields, PinRetrieval } from "../shared/signup";
import { gatewayError } from "./errors";
import { matchIdentity } from "./id-lookup";
import { enforceRateLimit } from "./rate-limit";
import { requireSignupSession } from "./signup-call";

/**
 * POST /session/pin/retrieve: the PIN of the ID whose year of birth matches, shown only
 * to this OTP-proven phone, at most NITRO_RATE_LIMIT_PIN_SHOW_* times per number and per ID.
 * The per-ID count starts only on a match, so nobody can spend another person's views.
 */
export async function retrievePin(event: H3Event, fields: IdentityFields): Promise<PinRetrieval> {
  const { record } = await requireSignupSession(event, ["phone_verified", "active"]);
  const person = await matchIdentity(event, record.msisdn, { idNumber: fields.id_number, yob: fields.yob });
  if (!person.pin) throw gatewayError("pin_not_found");
  await enforceRateLimit(event, "pinShowMsisdn", record.msisdn);
  await enforceRateLimit(event, "pinShowId", fields.id_number);
  return { name: person.name, pin: person.pin };
}

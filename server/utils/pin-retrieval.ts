import type { H3Event } from "h3";
import type { IdentityFields, PinRetrieval } from "../shared/signup";
import { recordIdentityAudit } from "./audit";
import { gatewayError } from "./errors";
import { matchIdentity } from "./id-lookup";
import { requireServiceRunning } from "./services";
import { requireSignupSession } from "./signup-call";

/**
 * POST /session/pin/retrieve: the PIN of the ID whose year of birth matches, shown only
 * to this OTP-proven phone, at most NITRO_RATE_LIMIT_PIN_SHOW_* times per number and per ID.
 * Those budgets are reserved before `id-lookup` and kept for any answer after a matching year
 * (the PIN or `pin_not_found`); a wrong year gives them back, so nobody spends another person's views.
 */
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

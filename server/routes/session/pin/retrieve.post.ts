import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { retrievePin } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

/**
 * POST /session/pin/retrieve: the PIN of the ID whose year of birth matches, shown only
 * to this OTP-proven phone, at most NITRO_RATE_LIMIT_PIN_SHOW_* times per number and per ID.
 * Those budgets are reserved before `id-lookup` and kept for any answer after a matching year
 * (the PIN or `pin_not_found`); a wrong year gives them back, so nobody spends another person's views.
 */
export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return retrievePin(event, fields);
});

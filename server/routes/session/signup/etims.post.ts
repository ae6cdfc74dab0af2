import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { registerForEtims } from "../../../features/signup/etims";
import { readSignupFields } from "../../../features/signup/identity-match";

/**
 * POST /session/signup/etims: the ID and year of birth must match `id-lookup` for
 * this phone; VAT-registered taxpayers are sent elsewhere; then `register-tax-payer`,
 * which links this phone to the matched person's PIN.
 * Once registered, the session signs in again for its own number (no new link).
 *
 * One enrolment per number and window (NITRO_RATE_LIMIT_ETIMS_ENROLMENT_MSISDN), reserved after the
 * match and before `register-tax-payer`: past it, 409 `registration_limit` and nothing is sent there.
 * Given back only when KRA clearly refused (a JSON 4xx) or no connection was made; every other outcome
 * (done, in progress, not active yet, a 5xx, a reset or timeout, an unreadable answer) keeps it.
 */
export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return registerForEtims(event, fields);
});

import { defineEventHandler } from "h3";
import { pinEmailSchema } from "../../../shared/signup";
import { registerPin } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

/**
 * POST /session/pin/register: `pin-registration` for the matched applicant and the session's number,
 * once: a second call while one is running (a double tap, a replay) is refused without reaching KRA.
 * One registration per number and window (NITRO_RATE_LIMIT_PIN_REGISTRATION_MSISDN), reserved before
 * the call and given back only when KRA provably registered nothing: a JSON 4xx refusal, or no connection
 * at all. A 5xx, a reset or timeout after the request went out, or a 2xx the gateway cannot read may each
 * hide a registered PIN, so they keep it.
 */
export default defineEventHandler(async (event) => {
  const { email } = await readSignupFields(event, pinEmailSchema);
  return registerPin(event, email);
});

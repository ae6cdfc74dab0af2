import { defineEventHandler, sendRedirect } from "h3";
import { completeOtp, readOtp } from "../../features/otp";
import { wantsJson } from "../../utils/respond";
import { viewSession } from "../../utils/session";

/**
 * POST /session/otp: a right code turns the pending session into an active one
 * under a new id; each code uses up one of the session's attempts, counted
 * atomically in the store before the identity service is asked, so concurrent
 * guesses never exceed NITRO_OTP_MAX_ATTEMPTS calls to `/validate-otp`.
 */
export default defineEventHandler(async (event) => {
  const otp = await readOtp(event);
  const { record } = await completeOtp(event, otp);
  if (!wantsJson(event)) return sendRedirect(event, "/", 303);
  return viewSession(record);
});

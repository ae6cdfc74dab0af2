import { defineEventHandler, sendRedirect } from "h3";
import { renderPageForNewSession } from "../../features/new-session-page";
import { rememberPageLanguage } from "../../features/flows/language";
import { completeOtp, readOtpFields } from "../../features/otp";
import { wantsJson } from "../../utils/respond";
import { viewSession } from "../../utils/session";

/**
 * POST /session/otp: a right code turns the pending session into an active one
 * under a new id; each code uses up one of the session's attempts, counted
 * atomically in the store before the identity service is asked, so concurrent
 * guesses never exceed NITRO_OTP_MAX_ATTEMPTS calls to `/validate-otp`.
 * A script gets the session's view; the OTP page's form gets the 303 to home, or,
 * posted with scripts running (js=1), the home page itself for the new session.
 */
export default defineEventHandler(async (event) => {
  const { otp, js } = await readOtpFields(event);
  const { record } = await completeOtp(event, otp);
  // Signed in: the page's language now is the number's latest web choice, a switch made on the code page included.
  if (record.state === "active") await rememberPageLanguage(event, record.msisdn);
  if (wantsJson(event)) return viewSession(record);
  const home = js === "1" ? await renderPageForNewSession(event, "/") : undefined;
  return home ?? sendRedirect(event, "/", 303);
});

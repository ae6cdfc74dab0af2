import { defineEventHandler, sendNoContent, sendRedirect } from "h3";
import { resendOtp } from "../../../features/otp";
import { wantsJson } from "../../../utils/respond";

/** POST /session/otp/resend: another code for the pending session, within the per-number send limit. */
export default defineEventHandler(async (event) => {
  await resendOtp(event);
  if (!wantsJson(event)) return sendRedirect(event, "/otp?sent=1", 303);
  return sendNoContent(event, 204);
});

import { defineEventHandler, sendRedirect } from "h3";
import { completeOtp, readOtp } from "../../features/otp";
import { wantsJson } from "../../utils/respond";
import { viewSession } from "../../utils/session";

export default defineEventHandler(async (event) => {
  const otp = await readOtp(event);
  const { record } = await completeOtp(event, otp);
  if (!wantsJson(event)) return sendRedirect(event, "/", 303);
  return viewSession(record);
});

import { defineEventHandler, sendRedirect } from "h3";
import { useGateway } from "../../utils/gateway";
import { completeOtp, readOtp } from "../../utils/otp";
import { wantsJson } from "../../utils/respond";
import { toSessionView } from "../../utils/session-view";

export default defineEventHandler(async (event) => {
  const otp = await readOtp(event);
  const session = await completeOtp(event, otp);
  if (!wantsJson(event)) return sendRedirect(event, "/", 303);
  return toSessionView(session, useGateway().config);
});

import { defineEventHandler, sendRedirect } from "h3";
import { toSessionView } from "../../shared/session-view";
import { useGateway } from "../../utils/gateway";
import { completeOtp, readOtp } from "../../utils/otp";
import { wantsJson } from "../../utils/respond";
import { sessionExpiresAt } from "../../utils/session";

export default defineEventHandler(async (event) => {
  const otp = await readOtp(event);
  const { record } = await completeOtp(event, otp);
  if (!wantsJson(event)) return sendRedirect(event, "/", 303);
  const { config } = useGateway();
  return toSessionView(record, sessionExpiresAt(record, config), { whatsapp: config.whatsapp !== null });
});

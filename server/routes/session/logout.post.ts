import { defineEventHandler, sendNoContent, sendRedirect } from "h3";
import { wantsJson } from "../../utils/respond";
import { endCurrentSession } from "../../utils/session";

export default defineEventHandler(async (event) => {
  await endCurrentSession(event, "logout", { clearCookie: true });
  if (!wantsJson(event)) return sendRedirect(event, "/session-ended?reason=signed_out", 303);
  return sendNoContent(event, 204);
});

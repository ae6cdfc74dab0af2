import { defineEventHandler, sendNoContent, sendRedirect } from "h3";
import { wantsJson } from "../../utils/respond";
import { destroySession } from "../../utils/session";

export default defineEventHandler(async (event) => {
  await destroySession(event, { clearCookie: true, reason: "logout" });
  if (!wantsJson(event)) return sendRedirect(event, "/session-ended?reason=signed_out", 303);
  return sendNoContent(event, 204);
});

import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../utils/entry";
import { renderOtpPage } from "../utils/entry-page";
import { sendSwitchPage } from "../utils/entry-switch";

export default defineEventHandler(async (event) => {
  let scripted = false;
  const outcome = await auditEntry(event, async () => {
    const fields = await readEntryFields(event);
    scripted = fields.js === "1";
    return enterWithLink(event, fields);
  });
  if ("ask" in outcome) return sendSwitchPage(event, outcome.ask);
  const otpPage = scripted && outcome.location === "/otp" ? await renderOtpPage(event) : undefined;
  return otpPage ?? sendRedirect(event, outcome.location, 303);
});

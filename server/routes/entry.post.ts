import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../features/entry";
import { renderPageForNewSession } from "../features/new-session-page";
import { sendSwitchPage } from "../utils/entry-switch";
import { rememberPageLanguage } from "../features/flows/language";

/**
 * POST /entry: a verified number gets a fresh session. Order matters: cheap
 * checks first, the per-number limit only after the link proves itself, the
 * nonce claimed before any identity call, any earlier session destroyed.
 * Returns where to send the browser next, or the question to ask first (a live session for another number);
 * the landing's scripted post (js=1) gets the OTP page itself instead of the 303 to it.
 */
export default defineEventHandler(async (event) => {
  let scripted = false;
  const outcome = await auditEntry(event, async () => {
    const fields = await readEntryFields(event);
    scripted = fields.js === "1";
    return enterWithLink(event, fields);
  });
  if ("ask" in outcome) return sendSwitchPage(event, outcome.ask);
  // For WhatsApp Flows whose token leaves the language to the number's last web choice (best effort).
  if (event.context.msisdn) await rememberPageLanguage(event, event.context.msisdn);
  const otpPage = scripted && outcome.location === "/otp" ? await renderPageForNewSession(event, "/otp") : undefined;
  return otpPage ?? sendRedirect(event, outcome.location, 303);
});

import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../features/entry";
import { sendSwitchPage } from "../utils/entry-switch";
import { rememberWebLanguage } from "../features/flows/language";

/**
 * POST /entry: a verified number gets a fresh session. Order matters: cheap
 * checks first, the per-number limit only after the link proves itself, the
 * nonce claimed before any identity call, any earlier session destroyed.
 * Returns where to send the browser next, or the question to ask first (a live session for another number).
 */
export default defineEventHandler(async (event) => {
  const outcome = await auditEntry(event, async () => enterWithLink(event, await readEntryFields(event)));
  if ("ask" in outcome) return sendSwitchPage(event, outcome.ask);
  // For WhatsApp Flows whose token leaves the language to the number's last web choice (best effort).
  if (event.context.msisdn) await rememberWebLanguage(event, event.context.msisdn).catch(() => {});
  return sendRedirect(event, outcome.location, 303);
});

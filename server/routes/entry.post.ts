import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../utils/entry";
import { sendSwitchPage } from "../utils/entry-switch";
import { rememberWebLanguage } from "../features/flows/language";

export default defineEventHandler(async (event) => {
  const outcome = await auditEntry(event, async () => enterWithLink(event, await readEntryFields(event)));
  if ("ask" in outcome) return sendSwitchPage(event, outcome.ask);
  // For WhatsApp Flows whose token leaves the language to the number's last web choice (best effort).
  if (event.context.msisdn) await rememberWebLanguage(event, event.context.msisdn).catch(() => {});
  return sendRedirect(event, outcome.location, 303);
});

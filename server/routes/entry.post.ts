import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../features/entry";
import { sendSwitchPage } from "../utils/entry-switch";

export default defineEventHandler(async (event) => {
  const outcome = await auditEntry(event, async () => enterWithLink(event, await readEntryFields(event)));
  if ("ask" in outcome) return sendSwitchPage(event, outcome.ask);
  return sendRedirect(event, outcome.location, 303);
});

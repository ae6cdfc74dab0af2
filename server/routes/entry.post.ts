import { defineEventHandler, sendRedirect } from "h3";
import { auditEntry, enterWithLink, readEntryFields } from "../utils/entry";

export default defineEventHandler(async (event) => {
  const location = await auditEntry(event, async () => enterWithLink(event, await readEntryFields(event)));
  return sendRedirect(event, location, 303);
});

import { defineEventHandler, sendRedirect } from "h3";
import { enterWithLink, readEntryFields } from "../utils/entry";

export default defineEventHandler(async (event) => {
  const fields = await readEntryFields(event);
  const location = await enterWithLink(event, fields);
  return sendRedirect(event, location, 303);
});

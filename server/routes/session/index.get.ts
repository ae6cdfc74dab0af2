import { defineEventHandler } from "h3";
import { requireSession, viewSession } from "../../utils/session";

export default defineEventHandler(async (event) => {
  const { record } = await requireSession(event, "any");
  return viewSession(record);
});

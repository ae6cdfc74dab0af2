import { defineEventHandler } from "h3";
import { requireServiceRunning } from "../../../utils/services";
import { requireSession } from "../../../utils/session";
import { readWhatsAppDocument, requireWhatsApp, sendToWhatsApp } from "../../../features/whatsapp";

/** POST /session/whatsapp/send: one document to the session's own WhatsApp number. */
export default defineEventHandler(async (event) => {
  const whatsapp = requireWhatsApp(event);
  await requireServiceRunning(event, "whatsapp");
  const session = await requireSession(event, "active");
  const document = await readWhatsAppDocument(event);
  await sendToWhatsApp(event, whatsapp, session, document);
  return { sent: true };
});

import { defineEventHandler, setResponseHeader } from "h3";
import { answerVerification, requireWebhook } from "../../features/whatsapp-statuses";

/** GET /whatsapp/webhook: Meta's subscription check, answered with its challenge. */
export default defineEventHandler((event) => {
  const webhook = requireWebhook(event);
  const challenge = answerVerification(event, webhook.verifyToken);
  setResponseHeader(event, "content-type", "text/plain; charset=utf-8");
  return challenge;
});

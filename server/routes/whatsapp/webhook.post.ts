import { defineEventHandler } from "h3";
import { receiveStatuses, requireWebhook } from "../../features/whatsapp-statuses";

/** POST /whatsapp/webhook: Meta's signed notifications; failed statuses of this gateway's messages are kept. */
export default defineEventHandler(async (event) => {
  const webhook = requireWebhook(event);
  await receiveStatuses(event, webhook.appSecret);
  return { received: true };
});

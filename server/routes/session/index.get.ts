import { defineEventHandler } from "h3";
import { toSessionView } from "../../shared/session-view";
import { useGateway } from "../../utils/gateway";
import { requireSession, sessionExpiresAt } from "../../utils/session";

export default defineEventHandler(async (event) => {
  const { record } = await requireSession(event, "any");
  const { config } = useGateway();
  return toSessionView(record, sessionExpiresAt(record, config), { whatsapp: config.whatsapp !== null });
});

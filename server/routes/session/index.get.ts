import { defineEventHandler } from "h3";
import { toSessionView } from "../../shared/session-view";
import { useGateway } from "../../utils/gateway";
import { readPausedServices } from "../../utils/services";
import { requireSession, sessionExpiresAt } from "../../utils/session";

export default defineEventHandler(async (event) => {
  const { record } = await requireSession(event, "any");
  return toSessionView(record, sessionExpiresAt(record, useGateway().config), [...(await readPausedServices())]);
});

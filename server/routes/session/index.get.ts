import { defineEventHandler } from "h3";
import { useGateway } from "../../utils/gateway";
import { requireSession } from "../../utils/session";
import { toSessionView } from "../../utils/session-view";

export default defineEventHandler(async (event) => {
  const session = await requireSession(event, "any");
  return toSessionView(session, useGateway().config);
});

import { defineEventHandler } from "h3";
import { proxyToUpstream } from "../utils/proxy";
import { matchProxyRoute } from "../utils/proxy-route";
import { requireSession } from "../utils/session";

export default defineEventHandler(async (event) => {
  const route = matchProxyRoute(event);
  event.context.routeId = route.rule.id;
  event.context.logPath = `/api${route.rule.path}`;
  const session = await requireSession(event);
  return proxyToUpstream(event, route, session);
});

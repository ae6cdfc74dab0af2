import type { H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import { useGateway } from "./gateway";
import { buildUpstreamRequest } from "./proxy-request";
import type { ProxyRoute } from "./proxy-route";
import { endSession, type Session } from "./session";

/** Forwards one allowed call; an upstream 401 ends the gateway session too. */
export async function proxyToUpstream(event: H3Event, route: ProxyRoute, session: Session): Promise<Response | void> {
  const request = await buildUpstreamRequest(event, route, session, useGateway().config);
  try {
    return await forwardUpstream(event, request);
  } catch (error) {
    if ((error as { data?: { code?: string } }).data?.code === "session_expired") await endSession(event, session);
    throw error;
  }
}

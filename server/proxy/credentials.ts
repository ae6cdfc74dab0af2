import type { H3Event } from "h3";
import type { GatewayConfig } from "../utils/config";

/**
 * The one place upstream credentials are written: the request id, the channel, the API key and,
 * for a taxpayer's call, the session's Bearer token. The proxy, the identity calls and the
 * WhatsApp document fetch all send them through here; nothing else names a secret header.
 */
export function addUpstreamCredentials(
  headers: Record<string, string>, event: H3Event, upstream: GatewayConfig["upstream"], token?: string,
): Record<string, string> {
  headers["x-request-id"] = event.context.requestId;
  headers["x-source-for"] = "whatsapp";
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  headers[upstream.apiKeyHeader] = upstream.apiKey;
  return headers;
}

import type { H3Event } from "h3";
import { loadGatewayConfig } from "../../server/utils/config";
import type { Session } from "../../server/utils/session";

export const CONFIG = loadGatewayConfig({
  NITRO_IDENTITY_BASE_URL: "https://identity.internal/api/ussd",
  NITRO_UPSTREAM_BASE_URL: "https://tax.internal/api/ussd",
  NITRO_DOCUMENTS_BASE_URL: "https://docs.internal",
  NITRO_ITAX_BASE_URL: "https://itax.internal/api",
  NITRO_UPSTREAM_API_KEY: "configured-api-key-0123456789",
  NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke",
  NITRO_ENTRY_LINK_SECRET: "property-test-link-secret-0123456789abcdef",
  NITRO_SESSION_ENCRYPTION_KEY: "00".repeat(32),
});

export const SESSION: Session = {
  key: "k",
  record: { msisdn: "254700000001", pin: "A000000001A", token: "session.token.value", state: "active", createdAt: 0, lastSeenAt: 0 },
};

/** Just what the pure route and header functions read from an h3 event. */
export function fakeEvent(method: string, path: string, headers: Record<string, string | string[]> = {}): H3Event {
  return { method, path, node: { req: { headers } }, context: { requestId: "prop-request-0001" } } as unknown as H3Event;
}

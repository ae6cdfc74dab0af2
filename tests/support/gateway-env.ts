import { randomBytes } from "node:crypto";
import type { SimulatedUpstream } from "../upstream";

/** A simulated WhatsApp Cloud API and the credentials the gateway sends it. */
interface CloudApiWiring { cloud: { baseUrl: string }; phoneNumberId: string; accessToken: string }

export interface SimulatedWiring {
  upstream: SimulatedUpstream;
  apiKey: string;
  linkSecret: string;
  origin: string;
  whatsapp?: CloudApiWiring;
}

/** The gateway's environment for the simulated upstream (and Cloud API, when given), with a fresh session key. */
export function simulatedGatewayEnv({ upstream, apiKey, linkSecret, origin, whatsapp }: SimulatedWiring): Record<string, string> {
  return {
    NITRO_IDENTITY_BASE_URL: upstream.identityBaseUrl,
    NITRO_UPSTREAM_BASE_URL: upstream.upstreamBaseUrl,
    NITRO_DOCUMENTS_BASE_URL: upstream.documentsBaseUrl,
    NITRO_UPSTREAM_API_KEY: apiKey,
    NITRO_ENTRY_LINK_SECRET: linkSecret,
    NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
    NITRO_PUBLIC_ORIGIN: origin,
    ...(whatsapp ? {
      NITRO_WHATSAPP_API_BASE_URL: whatsapp.cloud.baseUrl,
      NITRO_WHATSAPP_PHONE_NUMBER_ID: whatsapp.phoneNumberId,
      NITRO_WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
    } : {}),
  };
}

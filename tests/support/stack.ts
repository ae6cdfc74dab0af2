import { randomBytes } from "node:crypto";
import { startSimulatedCloudApi, startSimulatedUpstream, type SimulatedCloudApi, type SimulatedUpstream, type SimulatedUpstreamOptions } from "../upstream";
import { createSignedLink } from "../../server/utils/signed-link";
import { GatewayClient } from "./client";
import { freePort, startGateway, type RunningGateway } from "./gateway";
import { simulatedGatewayEnv } from "./gateway-env";

export const OTP = "OTPXYZ";

/** Limits out of the way; the rate-limit tests set their own. */
export const GENEROUS_RATE_LIMITS = {
  NITRO_RATE_LIMIT_ENTRY_IP: "100000/60",
  NITRO_RATE_LIMIT_ENTRY_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_OTP_SEND_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_OTP_VERIFY_IP: "100000/60",
  NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_LOOKUP_SESSION: "100000/60",
  NITRO_RATE_LIMIT_LOOKUP_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_LOOKUP_SESSION_DAILY: "100000/60",
  NITRO_RATE_LIMIT_LOOKUP_MSISDN_DAILY: "100000/60",
  NITRO_RATE_LIMIT_IDENTITY_MISMATCH_ID: "100000/60",
  NITRO_RATE_LIMIT_IDENTITY_IDS_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_PIN_REGISTRATION_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_ETIMS_ENROLMENT_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_SIGNUP_IP: "100000/60",
  NITRO_RATE_LIMIT_SIGNUP_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_CHECKER_SESSION: "100000/60",
  NITRO_RATE_LIMIT_CHECKER_SESSION_DAILY: "100000/86400",
  NITRO_RATE_LIMIT_CHECKER_MSISDN: "100000/60",
  NITRO_RATE_LIMIT_CHECKER_MSISDN_DAILY: "100000/86400",
};

export interface StackOptions {
  /** Gateway environment on top of the defaults below. */
  env?: Record<string, string>;
  upstream?: SimulatedUpstreamOptions;
  /** Also start the simulated WhatsApp Cloud API and turn "send to my WhatsApp" on. */
  whatsapp?: boolean;
  /** Node's own flags for the gateway process (Node runtime only). */
  nodeArgs?: string[];
}

/** The simulated Cloud API and the access token only it should ever see. */
export interface StackWhatsApp { cloud: SimulatedCloudApi; accessToken: string; phoneNumberId: string }

export interface Stack {
  upstream: SimulatedUpstream;
  gateway: RunningGateway;
  origin: string;
  apiKey: string;
  linkSecret: string;
  whatsapp?: StackWhatsApp;
  client(): GatewayClient;
  /** The fields of a signed entry link, as the landing page posts them. */
  signedLink(phone: string, options?: { ttlSeconds?: number; nowSeconds?: number; nonce?: string; secret?: string }): Promise<Record<string, string>>;
  /** Entry + OTP: an active session for `msisdn` in a fresh client. */
  signIn(msisdn: string): Promise<GatewayClient>;
  stop(): Promise<void>;
}

/** The simulated upstream and the built gateway wired together, with fresh secrets. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const apiKey = `test-api-key-${randomBytes(12).toString("hex")}`;
  const linkSecret = randomBytes(32).toString("base64url");
  const upstream = await startSimulatedUpstream({ apiKey, otp: OTP, ...options.upstream });
  const whatsapp = options.whatsapp ? await startWhatsApp() : undefined;
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env = { ...simulatedGatewayEnv({ upstream, apiKey, linkSecret, origin, whatsapp }), ...GENEROUS_RATE_LIMITS, ...options.env };
  const gateway = await startGateway({ env, port, nodeArgs: options.nodeArgs }).catch(async (error) => {
    await upstream.close();
    await whatsapp?.cloud.close();
    throw error;
  });
  const stack: Stack = {
    upstream, gateway, origin, apiKey, linkSecret, whatsapp,
    client: () => new GatewayClient(gateway.url, origin),
    async signedLink(phone, link = {}) {
      const url = await createSignedLink({ secret: link.secret ?? linkSecret, publicOrigin: origin, phone, ...link });
      return Object.fromEntries(new URL(url).searchParams);
    },
    async signIn(msisdn) {
      const client = stack.client();
      const entry = await client.enter(await stack.signedLink(msisdn));
      if (entry.status !== 303) throw new Error(`entry answered ${entry.status}: ${await entry.text()}`);
      if (entry.headers.get("location") === "/otp") {
        const otp = await client.submitOtp(OTP);
        if (otp.status !== 303) throw new Error(`OTP answered ${otp.status}: ${await otp.text()}`);
      }
      return client;
    },
    async stop() {
      await gateway.stop();
      await upstream.close();
      await whatsapp?.cloud.close();
    },
  };
  return stack;
}

async function startWhatsApp(): Promise<StackWhatsApp> {
  const accessToken = `EAAG-test-${randomBytes(24).toString("hex")}`;
  const phoneNumberId = String(100000000000000 + randomBytes(4).readUInt32BE());
  return { cloud: await startSimulatedCloudApi({ accessToken, phoneNumberId }), accessToken, phoneNumberId };
}

import type { H3Event } from "h3";
import { postJson } from "#gateway-runtime";
import { z } from "zod";
import { KRA_PIN } from "../shared/schemas";
import { boundByDeadline } from "./deadline";
import { gatewayError, identityError } from "./errors";
import { useGateway } from "./gateway";
import { addUpstreamCredentials } from "../proxy/credentials";

// The identity service's answers (README, "Entry"); extra fields are ignored.
const initAnswer = z.object({
  code: z.number(),
  name: z.string().max(200).optional(),
  token: z.string().optional(),
  has_vat: z.boolean().optional(),
  has_etims: z.boolean().optional(),
  entities: z.array(z.object({ pin: z.string().optional() }).loose()).optional().catch(undefined),
});
const validateAnswer = z.object({
  code: z.number().optional(),
  success: z.boolean().optional(),
  token: z.string().min(1).max(8192).optional(),
  expires_in: z.number().positive().optional(),
});

export interface IdentityInit {
  registered: boolean; name?: string; token?: string; pin?: string; hasVat?: boolean; hasEtims?: boolean;
}
export interface IdentityToken { token: string; expiresAt?: number }

/** `/init`: is this number registered? In `direct` mode the answer also carries the token. */
export async function checkRegistration(event: H3Event, msisdn: string): Promise<IdentityInit> {
  const answer = await callIdentity(event, "/init", { msisdn });
  const parsed = initAnswer.safeParse(answer.body);
  if (!answer.ok || !parsed.success) throw gatewayError("identity_unavailable");
  const { code, name, token, has_vat: hasVat, has_etims: hasEtims, entities } = parsed.data;
  const pin = entities?.[0]?.pin;
  return { registered: code === 1, name, token: token || undefined, pin: pin && KRA_PIN.test(pin) ? pin : undefined, hasVat, hasEtims };
}

/** `/otp`: the identity service texts a code to the number. */
export async function sendOtp(event: H3Event, msisdn: string): Promise<void> {
  const answer = await callIdentity(event, "/otp", { msisdn });
  if (!answer.ok) throw gatewayError(answer.status === 422 ? "not_registered" : "identity_unavailable");
}

/** `/validate-otp`: a token for a right code, null for a wrong one. A 2xx without a token is not a success. */
export async function validateOtp(event: H3Event, msisdn: string, otp: string): Promise<IdentityToken | null> {
  const answer = await callIdentity(event, "/validate-otp", { msisdn, otp });
  if (answer.status >= 500) throw gatewayError("identity_unavailable");
  const parsed = validateAnswer.safeParse(answer.body);
  if (!answer.ok || !parsed.success || parsed.data.code === 0 || parsed.data.success === false) return null;
  if (!parsed.data.token) throw gatewayError("identity_unavailable");
  const expiresAt = parsed.data.expires_in ? Date.now() + parsed.data.expires_in * 1000 : tokenExpiry(parsed.data.token);
  return { token: parsed.data.token, expiresAt };
}

/** `/validate-otp` for a number /init does not know: true for a right code. Any token in the answer is ignored. */
export async function proveOtp(event: H3Event, msisdn: string, otp: string): Promise<true | null> {
  const answer = await callIdentity(event, "/validate-otp", { msisdn, otp });
  if (answer.status >= 500) throw gatewayError("identity_unavailable");
  const parsed = validateAnswer.safeParse(answer.body);
  return answer.ok && parsed.success && parsed.data.code !== 0 && parsed.data.success !== false ? true : null;
}

/** A JWT's `exp`, when the token is one; opaque tokens are bounded by the session's own lifetime. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload || token.split(".").length !== 3) return undefined;
  try {
    const exp = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface IdentityAnswer { ok: boolean; status: number; body: unknown }

/** One server-to-server POST under NITRO_IDENTITY_BASE_URL: one deadline, the runtime's size cap, failures as gateway errors. */
export async function callIdentity(
  event: H3Event, path: string, body: Record<string, string>, timeoutMs?: number,
): Promise<IdentityAnswer> {
  const { config } = useGateway();
  const headers = addUpstreamCredentials({ accept: "application/json" }, event, config.upstream);
  const deadline = boundByDeadline(event, timeoutMs ?? config.identity.timeoutMs);
  try {
    const answer = await postJson(`${config.identity.baseUrl}${path}`, body, headers, deadline);
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status, body: answer.body };
  } catch (error) {
    throw identityError(error);
  }
}

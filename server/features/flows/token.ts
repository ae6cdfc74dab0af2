// Flow tokens (README: WhatsApp Flows): made like entry links, with the same secret and rotation
// (NITRO_ENTRY_LINK_SECRET, then _PREVIOUS), under their own message prefix so neither passes for the other.
// `<flow>.<language>.<msisdn>.<exp>.<nonce>.<sig>` (language `en`, `sw`, or `web`: the number's last web choice):
// sig = HMAC-SHA256 (base64url) of
// "flow-v1\n<flow>\n<language>\n<msisdn>\n<exp>\n<nonce>".
import { hmacSha256, randomToken, timingSafeEqual } from "../../utils/crypto";
import { isLanguage, type Language } from "../../shared/language";

export const FLOW_NAMES = ["pin-checker", "nil-return", "what-i-owe"] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

/** A Flow message may wait in the chat a while, but not past WhatsApp's 24-hour customer-service window. */
export const FLOW_TOKEN_MAX_SECONDS = 24 * 3600;
export const FLOW_TOKEN_DEFAULT_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 30;
const TOKEN = /^(pin-checker|nil-return|what-i-owe)\.(en|sw|web)\.(254\d{9})\.(\d{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

/** `web`: the language the number last chose on the web pages (server/features/flows/language.ts), else English. */
export type TokenLanguage = Language | "web";
export interface FlowClaims { flow: FlowName; language: TokenLanguage; msisdn: string; exp: number; nonce: string }

const message = (c: Omit<FlowClaims, "exp"> & { exp: string }) => `flow-v1\n${c.flow}\n${c.language}\n${c.msisdn}\n${c.exp}\n${c.nonce}`;

export function isFlowName(value: unknown): value is FlowName {
  return typeof value === "string" && (FLOW_NAMES as readonly string[]).includes(value);
}

/** A new token for `msisdn` (already normalised) and one Flow; what `npm run sign-link -- <msisdn> --flow <name>` prints. */
export async function createFlowToken(
  secret: string, claims: { flow: FlowName; language: TokenLanguage; msisdn: string }, ttlSeconds = FLOW_TOKEN_DEFAULT_SECONDS, nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const exp = String(nowSeconds + Math.min(Math.max(1, ttlSeconds), FLOW_TOKEN_MAX_SECONDS));
  const nonce = randomToken(18);
  const sig = await hmacSha256(secret, message({ ...claims, exp, nonce }));
  return [claims.flow, claims.language, claims.msisdn, exp, nonce, sig].join(".");
}

/** The token's claims when its shape, signature (any configured secret, constant time) and time window hold; else null. */
export async function verifyFlowToken(secrets: string[], token: unknown, nowSeconds = Math.floor(Date.now() / 1000)): Promise<FlowClaims | null> {
  const parts = typeof token === "string" && token.length <= 256 ? TOKEN.exec(token) : null;
  if (!parts) return null;
  const [, flow, language, msisdn, exp, nonce, sig] = parts;
  const claims = { flow: flow as FlowName, language: language as TokenLanguage, msisdn, exp, nonce };
  let matched = false;
  for (const secret of secrets) matched = timingSafeEqual(await hmacSha256(secret, message(claims)), sig) || matched;
  const expiry = Number(exp);
  if (!matched || expiry <= nowSeconds || expiry > nowSeconds + FLOW_TOKEN_MAX_SECONDS + CLOCK_SKEW_SECONDS) return null;
  return { ...claims, exp: expiry };
}

export function isTokenLanguage(value: unknown): value is TokenLanguage {
  return value === "web" || isLanguage(value);
}

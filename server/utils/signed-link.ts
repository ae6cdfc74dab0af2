// Entry links (format in the README, "Signed links"): made here for the bot backend and the CLI, checked by POST /entry.
import { hmacSha256, randomToken, timingSafeEqual } from "./crypto";

export const LINK_MAX_AHEAD_SECONDS = 15 * 60;
export const LINK_CLOCK_SKEW_SECONDS = 30;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const EXPIRY = /^[0-9]{1,12}$/;

export interface SignedLinkFields { phone: string; exp: string; nonce: string; sig: string }
type LinkVerdict = "valid" | "malformed" | "bad_signature" | "expired" | "too_far_ahead";

/** The signed message: version, then each field on its own line, exactly as in the link. */
function linkMessage(phone: string, exp: string, nonce: string): string {
  return `v1\n${phone}\n${exp}\n${nonce}`;
}

export function signLink(secret: string, phone: string, exp: string, nonce: string): Promise<string> {
  return hmacSha256(secret, linkMessage(phone, exp, nonce));
}

/** Checks shape, then signature (any configured secret, constant time), then the time window. */
export async function verifyLink(secrets: string[], link: SignedLinkFields, nowSeconds: number): Promise<LinkVerdict> {
  if (!EXPIRY.test(link.exp) || !NONCE.test(link.nonce) || !SIGNATURE.test(link.sig)) return "malformed";
  let matched = false;
  for (const secret of secrets) {
    const expected = await signLink(secret, link.phone, link.exp, link.nonce);
    matched = timingSafeEqual(expected, link.sig) || matched;
  }
  if (!matched) return "bad_signature";
  const exp = Number(link.exp);
  if (exp <= nowSeconds) return "expired";
  if (exp > nowSeconds + LINK_MAX_AHEAD_SECONDS + LINK_CLOCK_SKEW_SECONDS) return "too_far_ahead";
  return "valid";
}

interface SignedLinkOptions {
  secret: string;
  publicOrigin: string;
  phone: string;
  ttlSeconds?: number;
  nowSeconds?: number;
  nonce?: string;
}

/** What the WhatsApp bot backend sends: `${origin}/?phone=…&exp=…&nonce=…&sig=…` (format in README). */
export async function createSignedLink(options: SignedLinkOptions): Promise<string> {
  const ttl = Math.min(options.ttlSeconds ?? 600, LINK_MAX_AHEAD_SECONDS);
  const exp = String((options.nowSeconds ?? Math.floor(Date.now() / 1000)) + ttl);
  const nonce = options.nonce ?? randomToken(18);
  const sig = await signLink(options.secret, options.phone, exp, nonce);
  const query = new URLSearchParams({ phone: options.phone, exp, nonce, sig });
  return `${options.publicOrigin}/?${query}`;
}

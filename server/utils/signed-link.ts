import { randomToken } from "./crypto";
import { LINK_MAX_AHEAD_SECONDS, signLink } from "./link-signature";

export interface SignedLinkOptions {
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

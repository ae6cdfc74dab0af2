import { randomBytesFromPool } from "#gateway-runtime";
import { toBase64Url } from "./base64url";

// Digests and random bytes come from the runtime module (node:crypto on Node, Web Crypto on workerd).
export { hmacSha256, sha256 } from "#gateway-runtime";
export { toBase64Url };

const encoder = new TextEncoder();

export function randomToken(bytes = 32): string {
  return toBase64Url(randomBytesFromPool(bytes));
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) diff |= left[i] ^ (right[i % right.length] ?? 0);
  return diff === 0;
}

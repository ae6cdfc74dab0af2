// Web Crypto digests, for runtimes without node:crypto's synchronous ones (workerd).
import { toBase64Url } from "../utils/base64url";

const encoder = new TextEncoder();
const hmacKeys = new Map<string, Promise<CryptoKey>>();

export async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

function importHmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    hmacKeys.set(secret, key);
  }
  return key;
}

export async function hmacSha256(secret: string, message: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await importHmacKey(secret), encoder.encode(message));
  return toBase64Url(new Uint8Array(signature));
}

export function randomBytesFromPool(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

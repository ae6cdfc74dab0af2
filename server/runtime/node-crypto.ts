// node:crypto's one-shot digests: synchronous and several times cheaper per request than Web Crypto on Node 20.
import { createHash, createHmac, randomBytes } from "node:crypto";

export async function sha256(text: string): Promise<string> {
  return createHash("sha256").update(text).digest("base64url");
}

export async function hmacSha256(secret: string, message: string): Promise<string> {
  return createHmac("sha256", secret).update(message).digest("base64url");
}

// Random bytes drawn 16 KB at a time: one call into the CSPRNG for hundreds of tokens.
const POOL_SIZE = 16 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

export function randomBytesFromPool(length: number): Uint8Array {
  if (offset + length > pool.length) {
    pool = randomBytes(Math.max(POOL_SIZE, length));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + length);
  offset += length;
  return bytes;
}

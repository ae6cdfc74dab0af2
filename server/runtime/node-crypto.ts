// node:crypto's one-shot digests: synchronous and several times cheaper per request than Web Crypto on Node 20.
import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, randomBytes } from "node:crypto";

// `hash` is the one-shot form (Node ≥ 20.12): no Hash object per call, which profiles showed as most of its cost.
export async function sha256(text: string): Promise<string> {
  return hash("sha256", text, "base64url");
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

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

/** 32 bytes derived from `key` for one purpose (`info`), so one configured secret serves several uses. */
export async function hkdfSha256(key: Uint8Array, info: string): Promise<Uint8Array> {
  return new Uint8Array(hkdfSync("sha256", key, new Uint8Array(0), info, 32));
}

/** AES-256-GCM: base64url(iv ‖ ciphertext ‖ tag), the same layout Web Crypto produces; `aad` is authenticated, not stored. */
export async function sealAesGcm(key: Uint8Array, plaintext: string, aad: string): Promise<string> {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The plaintext, or null when `sealed` was not made with this key and `aad` (or was altered). */
export async function openAesGcm(key: Uint8Array, sealed: string, aad: string): Promise<string | null> {
  const bytes = Buffer.from(sealed, "base64url");
  if (bytes.length < GCM_IV_BYTES + GCM_TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, GCM_IV_BYTES)).setAAD(Buffer.from(aad));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(GCM_IV_BYTES, bytes.length - GCM_TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

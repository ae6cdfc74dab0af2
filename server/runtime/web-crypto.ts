// Web Crypto digests, for runtimes without node:crypto's synchronous ones (workerd).
const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
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

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const aesKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** 32 bytes derived from `key` for one purpose (`info`), so one configured secret serves several uses. */
export async function hkdfSha256(key: Uint8Array, info: string): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey("raw", key as BufferSource, "HKDF", false, ["deriveBits"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(info) };
  return new Uint8Array(await crypto.subtle.deriveBits(params, base, 256));
}

function importAesKey(key: Uint8Array): Promise<CryptoKey> {
  let imported = aesKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey("raw", key as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]);
    aesKeys.set(key, imported);
  }
  return imported;
}

/** AES-256-GCM: base64url(iv ‖ ciphertext ‖ tag), the same layout as node:crypto's; `aad` is authenticated, not stored. */
export async function sealAesGcm(key: Uint8Array, plaintext: string, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  const params = { name: "AES-GCM", iv, additionalData: encoder.encode(aad) };
  const body = new Uint8Array(await crypto.subtle.encrypt(params, await importAesKey(key), encoder.encode(plaintext)));
  const sealed = new Uint8Array(iv.length + body.length);
  sealed.set(iv);
  sealed.set(body, iv.length);
  return toBase64Url(sealed);
}

/** The plaintext, or null when `sealed` was not made with this key and `aad` (or was altered). */
export async function openAesGcm(key: Uint8Array, sealed: string, aad: string): Promise<string | null> {
  const bytes = fromBase64Url(sealed);
  if (!bytes || bytes.length < GCM_IV_BYTES + GCM_TAG_BYTES) return null;
  const params = { name: "AES-GCM", iv: bytes.subarray(0, GCM_IV_BYTES), additionalData: encoder.encode(aad) };
  try {
    const plain = await crypto.subtle.decrypt(params, await importAesKey(key), bytes.subarray(GCM_IV_BYTES));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

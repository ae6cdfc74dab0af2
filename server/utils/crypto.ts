import { hkdfSha256, hmacSha256, openAesGcm, randomBytesFromPool, sealAesGcm, toBase64Url } from "#gateway-runtime";

// Digests, ciphers and random bytes come from the runtime module (node:crypto on Node, Web Crypto on workerd).
export { hmacSha256, sha256 } from "#gateway-runtime";

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

/**
 * Keys derived (HKDF-SHA256, one label per use) from NITRO_SESSION_ENCRYPTION_KEY
 * and its previous value: records are sealed with the current key and opened with
 * either; numbers and addresses become HMACs under a key derived from the current one.
 */
interface StoreKeys { seal: Uint8Array; open: Uint8Array[]; subjects: string[]; idNumbers: string }

const RECORD_LABEL = "kra-gw session record v1";
const SUBJECT_LABEL = "kra-gw subject hmac v1";
const ID_NUMBER_LABEL = "kra-gw id-number hmac v1";
const derived = new WeakMap<Uint8Array[], Promise<StoreKeys>>();

function storeKeys(encryptionKeys: Uint8Array[]): Promise<StoreKeys> {
  let keys = derived.get(encryptionKeys);
  if (!keys) {
    keys = deriveStoreKeys(encryptionKeys);
    derived.set(encryptionKeys, keys);
  }
  return keys;
}

async function deriveStoreKeys(encryptionKeys: Uint8Array[]): Promise<StoreKeys> {
  const open = await Promise.all(encryptionKeys.map((key) => hkdfSha256(key, RECORD_LABEL)));
  const subjects = await Promise.all(encryptionKeys.map(async (key) => toBase64Url(await hkdfSha256(key, SUBJECT_LABEL))));
  const idNumbers = toBase64Url(await hkdfSha256(encryptionKeys[0], ID_NUMBER_LABEL));
  return { seal: open[0], open, subjects, idNumbers };
}

/** HMAC-SHA256 of a phone number or client address, for store keys: not reversible without the server's key. */
export async function hashSubject(encryptionKeys: Uint8Array[], subject: string): Promise<string> {
  return hmacSha256((await storeKeys(encryptionKeys)).subjects[0], subject);
}

/**
 * HMAC-SHA256 (base64url) of a canonical national ID under its own key (HKDF label `kra-gw id-number hmac v1`): what the
 * audit trail carries instead of the ID. README: "Audit trail" shows how an operator computes it for one ID.
 */
export async function hashIdNumber(encryptionKeys: Uint8Array[], idNumber: string): Promise<string> {
  return hmacSha256((await storeKeys(encryptionKeys)).idNumbers, idNumber);
}

/** The same under the current and the previous key: what was stored before a key rotation is still found. */
export async function hashSubjectUnderEachKey(encryptionKeys: Uint8Array[], subject: string): Promise<string[]> {
  return Promise.all((await storeKeys(encryptionKeys)).subjects.map((key) => hmacSha256(key, subject)));
}

/** AES-256-GCM with the current key, bound to `aad` (the record's store key) so a record cannot be moved to another key. */
export async function sealText(encryptionKeys: Uint8Array[], plaintext: string, aad: string): Promise<string> {
  return sealAesGcm((await storeKeys(encryptionKeys)).seal, plaintext, aad);
}

/** The plaintext under the current or the previous key, or null if neither opens it. */
export async function openText(encryptionKeys: Uint8Array[], sealed: string, aad: string): Promise<string | null> {
  for (const key of (await storeKeys(encryptionKeys)).open) {
    const plaintext = await openAesGcm(key, sealed, aad);
    if (plaintext !== null) return plaintext;
  }
  return null;
}

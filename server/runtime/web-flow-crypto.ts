// WhatsApp Flows' envelope with Web Crypto (workerd; the contract is RuntimeFlowCrypto in server/runtime/contract.ts).
// Web Crypto imports only unencrypted PKCS#8, so a PKCS#1 key is wrapped into PKCS#8 and an encrypted
// PKCS#8 key (PBES2: PBKDF2 + AES-CBC, what `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes) is opened here.
import { FLOW_AES_KEY_BYTES, FLOW_GCM_TAG_BYTES, FLOW_KEY_MIN_BITS, FlowKeyError, type FlowPrivateKey } from "./contract";
import { readDer, sequence, wrapPkcs1 } from "./der";

interface WebFlowKey extends FlowPrivateKey { key: CryptoKey }
const OAEP = { name: "RSA-OAEP", hash: "SHA-256" };

export async function importFlowPrivateKey(pem: string, passphrase: string): Promise<FlowPrivateKey> {
  const { label, der, legacyEncrypted } = readPem(pem);
  if (legacyEncrypted) throw new FlowKeyError("an OpenSSL legacy-encrypted PKCS#1 key; convert it: openssl pkcs8 -topk8 -v2 aes-256-cbc");
  let pkcs8: Uint8Array;
  if (label === "PRIVATE KEY") pkcs8 = der;
  else if (label === "RSA PRIVATE KEY") pkcs8 = wrapPkcs1(der);
  else if (label === "ENCRYPTED PRIVATE KEY") {
    if (!passphrase) throw new FlowKeyError("an encrypted key needs its passphrase");
    pkcs8 = await decryptPkcs8(der, passphrase);
  } else throw new FlowKeyError("not a PEM private key");
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey("pkcs8", pkcs8 as BufferSource, OAEP, false, ["decrypt"]);
  } catch {
    throw new FlowKeyError(label === "ENCRYPTED PRIVATE KEY" ? "not a key this passphrase opens" : "not an RSA private key");
  }
  if ((key.algorithm as RsaHashedKeyAlgorithm).modulusLength < FLOW_KEY_MIN_BITS) throw new FlowKeyError(`shorter than ${FLOW_KEY_MIN_BITS} bits`);
  return { flowPrivateKey: true, key } as WebFlowKey;
}

function readPem(pem: string): { label: string; der: Uint8Array; legacyEncrypted: boolean } {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) throw new FlowKeyError("not a PEM private key");
  const legacyEncrypted = /Proc-Type:\s*4,ENCRYPTED/.test(match[2]);
  const body = match[2].replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\s+/g, "");
  try {
    return { label: match[1], der: Uint8Array.from(atob(body), (c) => c.charCodeAt(0)), legacyEncrypted };
  } catch {
    throw new FlowKeyError("not a PEM private key");
  }
}

const OID = {
  pbes2: "2a864886f70d01050d",
  pbkdf2: "2a864886f70d01050c",
  hmacWithSHA1: "2a864886f70d0207",
  hmacWithSHA256: "2a864886f70d0209",
  hmacWithSHA384: "2a864886f70d020a",
  hmacWithSHA512: "2a864886f70d020b",
  aes128cbc: "608648016503040102",
  aes256cbc: "60864801650304012a",
};
const PRF_HASH: Record<string, string> = {
  [OID.hmacWithSHA1]: "SHA-1", [OID.hmacWithSHA256]: "SHA-256", [OID.hmacWithSHA384]: "SHA-384", [OID.hmacWithSHA512]: "SHA-512",
};
const CIPHER_BITS: Record<string, number> = { [OID.aes128cbc]: 128, [OID.aes256cbc]: 256 };
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** EncryptedPrivateKeyInfo with PBES2 (RFC 8018): PBKDF2 (HMAC-SHA-1/256/384/512) and AES-128/256-CBC. */
async function decryptPkcs8(der: Uint8Array, passphrase: string): Promise<Uint8Array> {
  try {
    const [algorithm, encrypted] = sequence(der);
    const [schemeOid, params] = sequence(algorithm);
    if (hex(readDer(schemeOid).value) !== OID.pbes2) throw new FlowKeyError("an encrypted key other than PBES2");
    const [kdf, cipher] = sequence(params);
    const [kdfOid, kdfParams] = sequence(kdf);
    if (hex(readDer(kdfOid).value) !== OID.pbkdf2) throw new FlowKeyError("a PBES2 key without PBKDF2");
    const [salt, iterations, ...rest] = sequence(kdfParams);
    const prf = rest.find((part) => readDer(part).tag === 0x30);
    const hash = prf ? PRF_HASH[hex(readDer(sequence(prf)[0]).value)] : "SHA-1";
    const [cipherOid, iv] = sequence(cipher);
    const bits = CIPHER_BITS[hex(readDer(cipherOid).value)];
    if (!hash || !bits) throw new FlowKeyError("an encrypted key with an unsupported PRF or cipher (use -v2 aes-256-cbc)");
    const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    const pbkdf2 = { name: "PBKDF2", hash, salt: readDer(salt).value as BufferSource, iterations: toNumber(readDer(iterations).value) };
    const aes = await crypto.subtle.deriveKey(pbkdf2, base, { name: "AES-CBC", length: bits }, false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: readDer(iv).value as BufferSource }, aes, readDer(encrypted).value as BufferSource);
    return new Uint8Array(plain);
  } catch (error) {
    if (error instanceof FlowKeyError) throw error;
    throw new FlowKeyError("not a key this passphrase opens");
  }
}

function toNumber(bytes: Uint8Array): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

export async function unwrapFlowKey(key: FlowPrivateKey, wrapped: Uint8Array): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "RSA-OAEP" }, (key as WebFlowKey).key, wrapped as BufferSource));
  } catch {
    return null;
  }
}

async function importAes(aesKey: Uint8Array, use: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", aesKey as BufferSource, "AES-GCM", false, [use]);
}

export async function openFlowPayload(aesKey: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Promise<string | null> {
  if (aesKey.length !== FLOW_AES_KEY_BYTES || sealed.length < FLOW_GCM_TAG_BYTES || iv.length === 0) return null;
  try {
    const params = { name: "AES-GCM", iv: iv as BufferSource, tagLength: FLOW_GCM_TAG_BYTES * 8 };
    const plain = await crypto.subtle.decrypt(params, await importAes(aesKey, "decrypt"), sealed as BufferSource);
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

export async function sealFlowPayload(aesKey: Uint8Array, iv: Uint8Array, plaintext: string): Promise<Uint8Array> {
  const params = { name: "AES-GCM", iv: iv as BufferSource, tagLength: FLOW_GCM_TAG_BYTES * 8 };
  return new Uint8Array(await crypto.subtle.encrypt(params, await importAes(aesKey, "encrypt"), new TextEncoder().encode(plaintext)));
}

export async function hmacSha256Bytes(secret: string, message: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, message as BufferSource));
}

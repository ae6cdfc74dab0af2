// WhatsApp Flows' envelope with node:crypto (the contract is RuntimeFlowCrypto in server/runtime/contract.ts).
import { constants, createCipheriv, createDecipheriv, createHmac, createPrivateKey, privateDecrypt, type KeyObject } from "node:crypto";
import { FLOW_AES_KEY_BYTES, FLOW_GCM_TAG_BYTES, FLOW_KEY_MIN_BITS, FlowKeyError, type FlowPrivateKey } from "./contract";

interface NodeFlowKey extends FlowPrivateKey { key: KeyObject }

export async function importFlowPrivateKey(pem: string, passphrase: string): Promise<FlowPrivateKey> {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem", passphrase: passphrase || undefined });
  } catch {
    throw new FlowKeyError(passphrase ? "not a PEM private key this passphrase opens" : "not a PEM private key (an encrypted one needs its passphrase)");
  }
  if (key.asymmetricKeyType !== "rsa") throw new FlowKeyError("not an RSA key");
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < FLOW_KEY_MIN_BITS) throw new FlowKeyError(`shorter than ${FLOW_KEY_MIN_BITS} bits`);
  return { flowPrivateKey: true, key } as NodeFlowKey;
}

export async function unwrapFlowKey(key: FlowPrivateKey, wrapped: Uint8Array): Promise<Uint8Array | null> {
  try {
    const options = { key: (key as NodeFlowKey).key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" };
    return new Uint8Array(privateDecrypt(options, wrapped));
  } catch {
    return null;
  }
}

export async function openFlowPayload(aesKey: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Promise<string | null> {
  if (aesKey.length !== FLOW_AES_KEY_BYTES || sealed.length < FLOW_GCM_TAG_BYTES || iv.length === 0) return null;
  try {
    const decipher = createDecipheriv("aes-128-gcm", aesKey, iv);
    decipher.setAuthTag(sealed.subarray(sealed.length - FLOW_GCM_TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - FLOW_GCM_TAG_BYTES)), decipher.final()]);
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

export async function sealFlowPayload(aesKey: Uint8Array, iv: Uint8Array, plaintext: string): Promise<Uint8Array> {
  const cipher = createCipheriv("aes-128-gcm", aesKey, iv);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]));
}

export async function hmacSha256Bytes(secret: string, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(createHmac("sha256", secret).update(message).digest());
}

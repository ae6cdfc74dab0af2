// The data endpoint's envelope (Meta's data API 3.0): the request signature, the RSA-wrapped AES key,
// the AES-128-GCM payload, and the answer sealed under the same key with every bit of the IV flipped.
import { z } from "zod";
import { hmacSha256Bytes, importFlowPrivateKey, openFlowPayload, sealFlowPayload, unwrapFlowKey } from "#gateway-runtime";
import { FlowKeyError, type FlowPrivateKey } from "../../runtime/contract";
import type { FlowsConfig } from "../../utils/config";
import { ConfigError } from "../../utils/config";
import { timingSafeEqual } from "../../utils/crypto";

const base64 = (max: number) => z.string().min(4).max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const envelopeSchema = z.object({
  encrypted_flow_data: base64(48 * 1024),
  encrypted_aes_key: base64(1024),
  initial_vector: base64(64),
});

/** A request opened: its JSON, and the key and IV its answer is sealed with. */
export interface OpenedRequest { payload: unknown; aesKey: Uint8Array; iv: Uint8Array }

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body under the app secret>`, compared in constant time. */
export async function hasValidSignature(appSecret: string, raw: Uint8Array, header: string | undefined): Promise<boolean> {
  const claimed = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "")?.[1]?.toLowerCase() ?? "";
  const expected = toHex(await hmacSha256Bytes(appSecret, raw));
  return timingSafeEqual(expected, claimed) && claimed !== "";
}

/** The request's JSON, or null when no configured key (current, then previous) opens it, or it was altered. */
export async function openEnvelope(keys: FlowPrivateKey[], raw: Uint8Array): Promise<OpenedRequest | null> {
  const envelope = envelopeSchema.safeParse(parseJson(new TextDecoder().decode(raw)));
  if (!envelope.success) return null;
  const wrapped = fromBase64(envelope.data.encrypted_aes_key);
  const iv = fromBase64(envelope.data.initial_vector);
  const sealed = fromBase64(envelope.data.encrypted_flow_data);
  if (!wrapped || !iv || !sealed) return null;
  for (const key of keys) {
    const aesKey = await unwrapFlowKey(key, wrapped);
    if (!aesKey) continue;
    const text = await openFlowPayload(aesKey, iv, sealed);
    if (text === null) return null;
    const payload = parseJson(text);
    return payload === undefined ? null : { payload, aesKey, iv };
  }
  return null;
}

/** The answer as Meta wants it: base64 of AES-128-GCM(JSON) under the request's key and the flipped IV. */
export async function sealAnswer(opened: OpenedRequest, answer: unknown): Promise<string> {
  const flipped = opened.iv.map((byte) => ~byte & 0xff);
  return toBase64(await sealFlowPayload(opened.aesKey, flipped, JSON.stringify(answer)));
}

let imported: Promise<FlowPrivateKey[]> | undefined;

/**
 * The configured keys, imported once. A key that does not open is a configuration error naming its
 * variable (never the key): the plugin reports it at start, and until then (workerd) the endpoint answers 503.
 */
export function importFlowKeys(flows: FlowsConfig): Promise<FlowPrivateKey[]> {
  imported ??= Promise.all(flows.privateKeys.map(async ({ env, pem }) => {
    try {
      return await importFlowPrivateKey(pem, flows.passphrase);
    } catch (error) {
      throw new ConfigError([`${env}: ${error instanceof FlowKeyError ? error.message : "not a usable RSA private key"}`]);
    }
  }));
  return imported;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

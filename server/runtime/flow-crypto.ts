// WhatsApp Flows' envelope (Meta, "Implementing Endpoint for Flows", data API 3.0), behind the runtime
// alias like the rest of server/runtime: node:crypto on Node (flow-crypto-node.ts), Web Crypto on
// workerd (flow-crypto-web.ts). The feature (server/features/flows) sees only these functions.

/** An imported RSA private key; what it holds is the runtime's own business. */
export interface FlowPrivateKey { readonly flowPrivateKey: true }

/** Why a configured key cannot be used; the caller names the variable, never the key's text. */
export class FlowKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlowKeyError";
  }
}

/** RSA keys shorter than this are refused at start. */
export const FLOW_KEY_MIN_BITS = 2048;
/** AES-128-GCM: a 16-byte key, a 16-byte tag at the end of the ciphertext. */
export const FLOW_AES_KEY_BYTES = 16;
export const FLOW_GCM_TAG_BYTES = 16;

export interface FlowCrypto {
  /** A PEM private key: PKCS#8, PKCS#1, or encrypted PKCS#8 with `passphrase`. Throws FlowKeyError. */
  importFlowPrivateKey(pem: string, passphrase: string): Promise<FlowPrivateKey>;
  /** RSA-OAEP (SHA-256, MGF1-SHA-256) decryption of the wrapped AES key; null when this key did not wrap it. */
  unwrapFlowKey(key: FlowPrivateKey, wrapped: Uint8Array): Promise<Uint8Array | null>;
  /** AES-128-GCM (tag at the end); null when altered or made with another key or IV. */
  openFlowPayload(aesKey: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Promise<string | null>;
  sealFlowPayload(aesKey: Uint8Array, iv: Uint8Array, plaintext: string): Promise<Uint8Array>;
  /** HMAC-SHA256 of raw bytes (X-Hub-Signature-256), as bytes. */
  hmacSha256Bytes(secret: string, message: Uint8Array): Promise<Uint8Array>;
}

// A simulated WhatsApp client for the Flows data endpoint, encrypting exactly as Meta's "Implementing Endpoint
// for Flows" (data API 3.0) says: a fresh AES-128 key and 16-byte IV per request, the payload AES-128-GCM with
// the 16-byte tag appended, the key RSA-OAEP (SHA-256, MGF1-SHA-256) under the business's public key, the body
// signed with the app secret (X-Hub-Signature-256); the answer decrypted with the same key and the flipped IV.
import {
  constants, createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes, type KeyObject,
} from "node:crypto";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createFlowToken, type FlowName } from "../../server/features/flows/token";

export const FLOWS_PATH = "/whatsapp/flows";

export interface FlowKeyPair { publicKey: KeyObject; privatePem: string }

/** A 2048-bit RSA key in the PEM form asked for: PKCS#8, PKCS#1 (`openssl genrsa -traditional`) or encrypted PKCS#8. */
export function generateFlowKey(form: "pkcs8" | "pkcs1" | "encrypted", passphrase = ""): FlowKeyPair {
  const privateKeyEncoding = form === "pkcs1" ? { type: "pkcs1" as const, format: "pem" as const }
    : form === "encrypted" ? { type: "pkcs8" as const, format: "pem" as const, cipher: "aes-256-cbc", passphrase }
      : { type: "pkcs8" as const, format: "pem" as const };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding });
  return { publicKey: createPublicKey(createPrivateKey({ key: privateKey, format: "pem", passphrase: passphrase || undefined })), privatePem: privateKey };
}

export interface SealedRequest { body: string; aesKey: Buffer; iv: Buffer }

export function encryptFlowRequest(publicKey: KeyObject, payload: unknown): SealedRequest {
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-128-gcm", aesKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, aesKey);
  const body = JSON.stringify({
    encrypted_flow_data: sealed.toString("base64"), encrypted_aes_key: wrapped.toString("base64"), initial_vector: iv.toString("base64"),
  });
  return { body, aesKey, iv };
}

export function decryptFlowAnswer(text: string, aesKey: Buffer, iv: Buffer): unknown {
  const bytes = Buffer.from(text, "base64");
  const flipped = Buffer.from(iv.map((byte) => ~byte & 0xff));
  const decipher = createDecipheriv("aes-128-gcm", aesKey, flipped);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8"));
}

export function signFlowBody(appSecret: string, body: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/**
 * One POST over node:http, as WhatsApp's servers send it. Not fetch: on a 421 answer fetch (undici) retries the
 * request on a new connection, as the Fetch standard says for "Misdirected Request", which hides the status.
 */
export function postFlowBody(url: string, body: string, signature: string | null, extra: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const headers = { ...extra, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...(signature === null ? {} : { "x-hub-signature-256": signature }) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: decode(Buffer.concat(chunks), res.headers["content-encoding"]) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Miniflare compresses answers whatever was asked; WhatsApp's client would decompress them. */
function decode(bytes: Buffer, encoding: string | undefined): string {
  if (encoding === "gzip") return gunzipSync(bytes).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

export interface FlowAnswer { status: number; text: string; answer?: FlowReplyJson }
export interface FlowReplyJson { screen?: string; data?: Record<string, unknown> }

export interface FlowClientOptions { gatewayUrl: string; publicKey: KeyObject; appSecret: string }

/** What WhatsApp's servers do for one Flow run: the same token on every request, each request sealed afresh. */
export class SimulatedWhatsAppClient {
  constructor(private readonly options: FlowClientOptions) {}

  /** Sends `payload`; `tamper` changes the sealed body (or its signature) before it goes, or adds unsigned headers. */
  async send(
    payload: unknown, tamper: { signature?: string | null; body?: (body: string) => string; publicKey?: KeyObject; headers?: Record<string, string> } = {},
  ): Promise<FlowAnswer> {
    const sealed = encryptFlowRequest(tamper.publicKey ?? this.options.publicKey, payload);
    const body = tamper.body ? tamper.body(sealed.body) : sealed.body;
    const signature = tamper.signature === undefined ? signFlowBody(this.options.appSecret, body) : tamper.signature;
    const response = await postFlowBody(`${this.options.gatewayUrl}${FLOWS_PATH}`, body, signature, tamper.headers);
    const answer = response.status === 200 ? (decryptFlowAnswer(response.text, sealed.aesKey, sealed.iv) as FlowReplyJson) : undefined;
    return { ...response, answer };
  }

  ping(): Promise<FlowAnswer> {
    return this.send({ version: "3.0", action: "ping" });
  }

  init(flowToken: string): Promise<FlowAnswer> {
    return this.send({ version: "3.0", action: "INIT", flow_token: flowToken });
  }

  exchange(flowToken: string, screen: string, data: Record<string, unknown>): Promise<FlowAnswer> {
    return this.send({ version: "3.0", action: "data_exchange", screen, data, flow_token: flowToken });
  }

  back(flowToken: string, screen: string): Promise<FlowAnswer> {
    return this.send({ version: "3.0", action: "BACK", screen, flow_token: flowToken });
  }
}

/** A flow token as `npm run sign-link -- <msisdn> --flow <name>` prints it. */
export function flowToken(secret: string, flow: FlowName, msisdn: string, options: { language?: "en" | "sw" | "web"; ttlSeconds?: number; nowSeconds?: number } = {}): Promise<string> {
  return createFlowToken(secret, { flow, language: options.language ?? "en", msisdn }, options.ttlSeconds, options.nowSeconds);
}

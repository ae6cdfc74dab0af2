// What a runtime module (node.ts, workerd.ts) provides, behind the `#gateway-runtime`
// alias, as small contracts by concern (end of this file): forward (node-forward.ts,
// node-json.ts / web-forward.ts), request, stores (stores/), crypto (node-crypto.ts /
// web-crypto.ts), Flows' envelope (node-flow-crypto.ts / web-flow-crypto.ts), admin and
// metrics (node-admin.ts, node-metrics.ts), and the process with its log (node.ts / workerd.ts themselves). The runtime is a leaf: it imports
// nothing from the layers above it (utils, proxy, features), speaks only these neutral
// types, and reports failures as RuntimeFailure, which server/utils/errors.ts maps to
// gateway errors in one place.
import type { H3Event } from "h3";
import type { RemoteStoreOptions, StoreBackend } from "./stores/contract";

/** One upstream call, built and checked by the proxy before any runtime sees it. */
export interface UpstreamRequest {
  ruleId: string;
  method: "GET" | "POST";
  origin: string;
  /** Path and query under `origin`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxResponseBytes: number;
  responds: "json" | "pdf";
  /** The proxy's decision on the answer's status line and headers (server/proxy/answer.ts), taken before any byte is read. */
  judge: JudgeAnswer;
}

/** Hold the answer whole (bounded, for the response policy), stream it to the client (a document), or refuse it. */
export type AnswerVerdict = "hold" | "stream" | RuntimeFailure;
export type JudgeAnswer = (
  status: number, contentType: string | undefined, contentLength: number | undefined, request: Pick<UpstreamRequest, "responds" | "maxResponseBytes">,
) => AnswerVerdict;

/** JSON answers are held until complete, so they have their own, small bound. */
export const MAX_JSON_RESPONSE_BYTES = 1024 * 1024;

/** A JSON answer held whole (bounded) by the forwarder, before the rule's response policy shapes it. */
export interface HeldAnswer {
  status: number;
  /** The upstream's allowlisted response headers. */
  headers: [string, string][];
  /** The upstream's bytes, or, once shaped by the response policy, its JSON text (written without another copy). */
  body: Uint8Array | string;
}

/** What a handler returns for an answer already decided: a Response (workerd), or the body h3 writes (Node). */
export type SentAnswer = Response | HeldAnswer["body"];

/** An identity service answer: its status and its body parsed as JSON (or the raw text when it is not JSON). */
export interface JsonAnswer { status: number; body: unknown }

/**
 * One call to a service that is neither the proxied upstream nor identity (the WhatsApp
 * Cloud API, and the document the gateway sends there): held whole, one deadline for
 * the whole call, at most `maxResponseBytes` of answer. Throws RuntimeFailure
 * (`timeout`, `too_large`, `unavailable`); any status comes back as an answer.
 */
export interface ServiceCall {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface ServiceAnswer { status: number; contentType: string; body: Uint8Array }

/** An identity answer is a few hundred bytes; anything past this is refused unread (`too_large`). */
export const JSON_ANSWER_MAX_BYTES = 64 * 1024;

/**
 * Why a runtime call failed, without any gateway vocabulary:
 * - `timeout`: the deadline passed;
 * - `unavailable`: no answer (refused, reset, DNS) or the service says it is down (502-504);
 * - `too_large`: the answer passed its byte bound;
 * - `bad_answer`: an answer the gateway must not pass on (status, content type);
 * - `unauthorized`: the upstream refused the caller's token (401), so the session must end;
 * - `misconfigured`: a setting names something this runtime does not have (the message names the variable).
 */
export type FailureKind = "timeout" | "unavailable" | "too_large" | "bad_answer" | "unauthorized" | "misconfigured";

/**
 * What operators see (`gateway_upstream_failures_total{kind}`): finer than the kind, still a fixed set.
 * `reset`: no answer (refused, reset, DNS); `5xx`: the service's own error status; `html`: an error page
 * where JSON or a PDF was due; `bad_status` and `bad_type`: other answers the gateway must not pass on.
 */
export type FailureSign = "timeout" | "reset" | "5xx" | "html" | "bad_status" | "bad_type" | "too_large" | "unauthorized" | "misconfigured";

const SIGN_OF_KIND: Record<FailureKind, FailureSign> = {
  timeout: "timeout", unavailable: "reset", too_large: "too_large", bad_answer: "bad_status",
  unauthorized: "unauthorized", misconfigured: "misconfigured",
};

export class RuntimeFailure extends Error {
  readonly sign: FailureSign;
  /**
   * True only when the call provably never reached the service (no connection was made), so nothing it
   * asks for can have happened. A reset or a timeout after connecting may have been acted on: false.
   * workerd's fetch does not tell the two apart, so there it is always false.
   */
  readonly unsent: boolean;
  constructor(readonly kind: FailureKind, message: string = kind, sign: FailureSign = SIGN_OF_KIND[kind], unsent = false) {
    super(message);
    this.name = "RuntimeFailure";
    this.sign = sign;
    this.unsent = unsent;
  }
}

/** The admin listener (Node only): where it binds. */
export interface AdminListen { host: string; port: number }
/** One admin call, read by the runtime (body bounded), answered by server/features/admin.ts. */
export interface AdminRequest { method: string; path: string; authorization?: string; body: string; remoteAddress?: string }
export interface AdminAnswer { status: number; contentType: string; body: string }
export type AdminHandler = (request: AdminRequest) => Promise<AdminAnswer>;

/**
 * Prometheus metrics (prom-client on Node). Labels are bounded by the callers:
 * route and rule ids, status codes, failure kinds, fixed outcome names.
 */
export interface GatewayMetrics {
  countRequest(route: string, status: number, seconds: number): void;
  timeUpstream(rule: string, seconds: number): void;
  countUpstreamFailure(rule: string, kind: string): void;
  countSessionCreated(mode: string): void;
  countOtpCheck(outcome: string): void;
  countRateLimited(limit: string): void;
  countStoreError(): void;
  /** A WhatsApp Flows request: Flow name (or `unknown`), action, HTTP status, and its time. */
  countFlowRequest(flow: string, action: string, status: number, seconds: number): void;
  /** The text exposition format and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
}

export interface ServerLimits { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number }

/** The two moments of a graceful stop an operator wants in the log. */
export interface ShutdownReport {
  draining(signal: string, timeoutMs: number): void;
  /** Called during the process's `exit` event: whatever it logs is written before the process ends. */
  exited(code: number): void;
}

/** Outbound calls: the proxied upstream, identity and other services, and writing a held answer. */
export interface RuntimeForward {
  /**
   * Calls the upstream. A JSON answer comes back held (for the rule's response
   * policy); a document is streamed to the client (void) or returned as a
   * Response, as `request.judge` decides. Throws RuntimeFailure while nothing has been sent.
   */
  forwardUpstream(event: H3Event, request: UpstreamRequest): Promise<HeldAnswer | Response | void>;
  /**
   * A shaped JSON answer: its status and headers set and its body returned for h3 to write in one piece
   * (Node), or returned as a Response (workerd). The handler returns what this returns.
   */
  sendHeldAnswer(event: H3Event, answer: HeldAnswer): SentAnswer;
  /** One identity call with a deadline for the whole call; throws RuntimeFailure (`timeout`, `too_large`, `unavailable`). */
  postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer>;
  callService(call: ServiceCall): Promise<ServiceAnswer>;
}

/** What the platform knows about the incoming request and does to its response. */
export interface RuntimeRequest {
  /** The peer's address, when the runtime has one. */
  clientAddress(event: H3Event): string | undefined;
  /** The request body as a stream, or undefined where it is read from `event.node.req`. */
  requestBodyStream(event: H3Event): ReadableStream<Uint8Array> | undefined;
  /** Compresses this response's text body per Accept-Encoding (Node); where the platform compresses (workerd), nothing. */
  compressResponse(event: H3Event): void;
}

/** Shared stores (server/runtime/stores/): the memory store needs no runtime. */
export interface RuntimeStores {
  /** Throws RuntimeFailure `misconfigured` for a store this runtime does not have. */
  createRemoteBackend(options: RemoteStoreOptions): StoreBackend;
}

/** Hashes, MACs, random bytes and authenticated encryption (node:crypto on Node, WebCrypto on workerd). */
export interface RuntimeCrypto {
  toBase64Url(bytes: Uint8Array): string;
  sha256(text: string): Promise<string>;
  hmacSha256(secret: string, message: string): Promise<string>;
  randomBytesFromPool(length: number): Uint8Array;
  /** 32 bytes derived from `key` for one purpose (`info`). */
  hkdfSha256(key: Uint8Array, info: string): Promise<Uint8Array>;
  /** AES-256-GCM: base64url(iv ‖ ciphertext ‖ tag); `aad` is authenticated, not stored. */
  sealAesGcm(key: Uint8Array, plaintext: string, aad: string): Promise<string>;
  /** The plaintext, or null when `sealed` was not made with this key and `aad` (or was altered). */
  openAesGcm(key: Uint8Array, sealed: string, aad: string): Promise<string | null>;
}

/** An imported RSA private key for WhatsApp Flows; what it holds is the runtime's own business. */
export interface FlowPrivateKey { readonly flowPrivateKey: true }

/** Why a configured Flows key cannot be used; the caller names the variable, never the key's text. */
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

/**
 * WhatsApp Flows' envelope (Meta, "Implementing Endpoint for Flows", data API 3.0): node:crypto on Node
 * (node-flow-crypto.ts), Web Crypto on workerd (web-flow-crypto.ts, der.ts).
 */
export interface RuntimeFlowCrypto {
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

/** The operators' side: the admin listener and the metrics it serves. */
export interface RuntimeAdmin {
  /** Whether this runtime can open a second listener (workerd cannot: NITRO_ADMIN_PORT is refused at start). */
  hasAdminListener(): boolean;
  /** Starts the admin listener; resolves once it listens, with a function that closes it. */
  startAdminServer(listen: AdminListen, handle: AdminHandler): Promise<() => Promise<void>>;
  /** Metrics with the default process metrics (Node); loaded only when the admin listener is on. */
  createMetrics(): Promise<GatewayMetrics>;
}

/** The log and the process's life: start, limits, a bad configuration, the stop. */
export interface RuntimeProcess {
  /** One log line (Node holds info and warning lines until the end of the event-loop turn, and writes them together). */
  writeLine(text: string, error: boolean): void;
  /** Loads what the first requests need, just after start. */
  warmUp(): void;
  limitHttpServers(limits: ServerLimits): void;
  /** A configuration that does not validate at start: exit where the runtime can, else nothing (requests answer 503). */
  reportFatalConfigError(message: string): void;
  /** Where the runtime has a process to stop (Node): calls `report` when draining starts and as the process exits. */
  watchShutdown(report: ShutdownReport): void;
}

/** Everything a runtime module provides (node.ts and workerd.ts each check it): the concerns above together. */
export type GatewayRuntime = RuntimeForward & RuntimeRequest & RuntimeStores & RuntimeCrypto & RuntimeFlowCrypto & RuntimeAdmin & RuntimeProcess;

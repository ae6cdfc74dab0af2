import { z } from "zod";
import { gatewayRuntimeDefaults, type GatewayRuntimeKey } from "./config-defaults";

export type IdentityMode = "otp" | "direct";
export type StorageSpec = { kind: "memory" } | { kind: "redis"; url: string } | { kind: "kv"; binding: string };
export interface RateLimit { limit: number; windowSeconds: number }
export type RateLimitName =
  | "entryIp" | "entryMsisdn" | "otpSendMsisdn" | "otpVerifyIp" | "otpVerifyMsisdn" | "lookupSession" | "lookupMsisdn";

/** A base URL split once, so each request only appends a path. */
export interface UpstreamBase { origin: string; path: string }

export interface GatewayConfig {
  identity: { baseUrl: string; mode: IdentityMode; timeoutMs: number };
  upstream: {
    api: UpstreamBase;
    documents: UpstreamBase;
    /** iTax routes (`A/…`, e.g. properties lookup): NITRO_ITAX_BASE_URL, by default the tax API's origin + `/api`. */
    itax: UpstreamBase;
    apiKey: string;
    apiKeyHeader: string;
    timeoutMs: number;
    maxResponseBytes: number;
  };
  link: { secrets: string[]; allowUnsigned: boolean };
  publicOrigin: string;
  session: {
    idleSeconds: number;
    absoluteSeconds: number;
    maxEntries: number;
    otpMaxAttempts: number;
    /** Current key first, then the previous one (rotation): 32 raw bytes each. */
    encryptionKeys: Uint8Array[];
  };
  /** `counterBinding`: the Durable Object binding behind nonces and counters with kv: storage (workerd). */
  store: { spec: StorageSpec; timeoutMs: number; keyPrefix: string; counterBinding: string };
  rateLimits: Record<RateLimitName, RateLimit>;
  trustProxyHops: number;
  trustCfConnectingIp: boolean;
  logRequests: boolean;
  /** Node's HTTP server (ignored on workerd). */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gateway configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function envName(key: string): string {
  return `NITRO_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const required = (what: string) => z.string({ error: `required: ${what}` }).min(1, `required: ${what}`);
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

const serviceUrl = (what: string) =>
  required(what).pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .refine((u) => !/[?#@]/.test(u), "must not carry a query, fragment or credentials")
      .transform((u) => u.replace(/\/+$/, "")),
  );

const origin = required("the public origin, e.g. https://whatsapp.kra.go.ke").pipe(
  z.url({ protocol: /^https?$/, error: "must be an origin like https://whatsapp.kra.go.ke" })
    .refine((u) => new URL(u).origin === u.replace(/\/$/, ""), "must be an origin only (no path)")
    .refine((u) => u.startsWith("https:") || LOOPBACK_HOSTS.has(new URL(u).hostname), "must use https (http only on localhost)")
    .transform((u) => new URL(u).origin),
);

const secret = (minBytes: number) =>
  z.string().refine((s) => s === "" || new TextEncoder().encode(s).length >= minBytes, `too weak: at least ${minBytes} bytes`);

const KEY_FORMAT = "must be 32 random bytes as 64 hex digits or base64/base64url, e.g. `openssl rand -hex 32`";

/** 32 bytes written as hex (64 digits) or base64/base64url (43 characters, optional `=`); anything else is null. */
export function decodeKey32(text: string): Uint8Array | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const binary = atob(text.replace(/=$/, "").replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const encryptionKey = z.string().refine((s) => s === "" || decodeKey32(s) !== null, KEY_FORMAT);

const rateLimit = z.string().regex(/^\d+\/\d+$/, "must be <count>/<seconds>, e.g. 60/60").transform((v) => {
  const [limit, windowSeconds] = v.split("/").map(Number);
  return { limit, windowSeconds } as RateLimit;
}).refine((r) => r.limit > 0 && r.windowSeconds > 0, "count and seconds must be positive");

const storage = z.string().transform((v, ctx): StorageSpec => {
  if (v === "memory") return { kind: "memory" };
  if (/^rediss?:\/\/[^\s]+$/.test(v)) return { kind: "redis", url: v };
  if (/^kv:[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return { kind: "kv", binding: v.slice(3) };
  ctx.addIssue({ code: "custom", message: "must be memory, a redis:// or rediss:// URL, or kv:<BINDING>" });
  return z.NEVER;
});

const schema = z.object({
  NITRO_IDENTITY_BASE_URL: serviceUrl("identity service base URL"),
  NITRO_IDENTITY_MODE: z.enum(["otp", "direct"], { error: "must be otp or direct" }),
  NITRO_IDENTITY_TIMEOUT_MS: integer(100, 120_000),
  NITRO_UPSTREAM_BASE_URL: serviceUrl("tax API base URL"),
  NITRO_DOCUMENTS_BASE_URL: z.union([z.literal(""), serviceUrl("documents base URL")]),
  NITRO_ITAX_BASE_URL: z.union([z.literal(""), serviceUrl("iTax API base URL")]),
  NITRO_UPSTREAM_API_KEY: required("internal API secret key (no default)").pipe(secret(16)),
  NITRO_UPSTREAM_API_KEY_HEADER: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a lower-case header name"),
  NITRO_UPSTREAM_TIMEOUT_MS: integer(100, 300_000),
  NITRO_UPSTREAM_MAX_RESPONSE_BYTES: integer(1024, 1024 ** 3),
  NITRO_ENTRY_LINK_SECRET: secret(32),
  NITRO_ENTRY_LINK_SECRET_PREVIOUS: secret(32),
  NITRO_ALLOW_UNSIGNED_ENTRY: bool,
  NITRO_PUBLIC_ORIGIN: origin,
  NITRO_SESSION_STORAGE: storage,
  NITRO_SESSION_ENCRYPTION_KEY: required("session encryption key (no default); " + KEY_FORMAT).pipe(encryptionKey),
  NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: encryptionKey,
  NITRO_SESSION_IDLE_SECONDS: integer(5, 86_400),
  NITRO_SESSION_ABSOLUTE_SECONDS: integer(5, 7 * 86_400),
  NITRO_SESSION_MAX_ENTRIES: integer(100, 10_000_000),
  NITRO_OTP_MAX_ATTEMPTS: integer(1, 20),
  NITRO_STORE_TIMEOUT_MS: integer(50, 60_000),
  NITRO_STORE_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1-32 letters, digits, _ or -"),
  NITRO_COUNTER_DURABLE_OBJECT: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a binding name, e.g. COUNTERS"),
  NITRO_TRUST_PROXY_HOPS: integer(0, 10),
  NITRO_HEADERS_TIMEOUT_MS: integer(100, 600_000),
  NITRO_REQUEST_TIMEOUT_MS: integer(100, 3_600_000),
  NITRO_MAX_CONNECTIONS: integer(1, 1_000_000),
  NITRO_TRUST_CF_CONNECTING_IP: bool,
  NITRO_LOG_REQUESTS: bool,
  NITRO_RATE_LIMIT_ENTRY_IP: rateLimit,
  NITRO_RATE_LIMIT_ENTRY_MSISDN: rateLimit,
  NITRO_RATE_LIMIT_OTP_SEND_MSISDN: rateLimit,
  NITRO_RATE_LIMIT_OTP_VERIFY_IP: rateLimit,
  NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN: rateLimit,
  NITRO_RATE_LIMIT_LOOKUP_SESSION: rateLimit,
  NITRO_RATE_LIMIT_LOOKUP_MSISDN: rateLimit,
}).superRefine((c, ctx) => {
  if (!c.NITRO_ENTRY_LINK_SECRET && !c.NITRO_ALLOW_UNSIGNED_ENTRY) {
    ctx.addIssue({
      code: "custom",
      path: ["NITRO_ENTRY_LINK_SECRET"],
      message: "required: entry links must be signed (or set NITRO_ALLOW_UNSIGNED_ENTRY=true, for development only)",
    });
  }
  if (c.NITRO_ENTRY_LINK_SECRET_PREVIOUS && !c.NITRO_ENTRY_LINK_SECRET) {
    ctx.addIssue({ code: "custom", path: ["NITRO_ENTRY_LINK_SECRET"], message: "required when a previous link secret is set" });
  }
  if (c.NITRO_REQUEST_TIMEOUT_MS < c.NITRO_HEADERS_TIMEOUT_MS) {
    ctx.addIssue({ code: "custom", path: ["NITRO_REQUEST_TIMEOUT_MS"], message: "must not be shorter than NITRO_HEADERS_TIMEOUT_MS" });
  }
  if (c.NITRO_SESSION_ABSOLUTE_SECONDS < c.NITRO_SESSION_IDLE_SECONDS) {
    ctx.addIssue({ code: "custom", path: ["NITRO_SESSION_ABSOLUTE_SECONDS"], message: "must not be shorter than NITRO_SESSION_IDLE_SECONDS" });
  }
});

type Env = Record<string, string | undefined>;
type Defaults = Partial<Record<GatewayRuntimeKey, unknown>>;

/** Reads every setting as raw text (env over runtimeConfig defaults), validates once, names each bad variable. */
export function loadGatewayConfig(env: Env, defaults: Defaults = gatewayRuntimeDefaults): GatewayConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(gatewayRuntimeDefaults) as GatewayRuntimeKey[]) {
    const name = envName(key);
    raw[name] = (env[name] ?? String(defaults[key] ?? gatewayRuntimeDefaults[key])).trim();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? "config")}: ${i.message}`));
  }
  return toGatewayConfig(parsed.data);
}

function toGatewayConfig(c: z.output<typeof schema>): GatewayConfig {
  return {
    identity: { baseUrl: c.NITRO_IDENTITY_BASE_URL, mode: c.NITRO_IDENTITY_MODE, timeoutMs: c.NITRO_IDENTITY_TIMEOUT_MS },
    upstream: {
      api: splitBase(c.NITRO_UPSTREAM_BASE_URL),
      documents: splitBase(c.NITRO_DOCUMENTS_BASE_URL || new URL(c.NITRO_UPSTREAM_BASE_URL).origin),
      itax: splitBase(c.NITRO_ITAX_BASE_URL || `${new URL(c.NITRO_UPSTREAM_BASE_URL).origin}/api`),
      apiKey: c.NITRO_UPSTREAM_API_KEY,
      apiKeyHeader: c.NITRO_UPSTREAM_API_KEY_HEADER,
      timeoutMs: c.NITRO_UPSTREAM_TIMEOUT_MS,
      maxResponseBytes: c.NITRO_UPSTREAM_MAX_RESPONSE_BYTES,
    },
    link: {
      secrets: [c.NITRO_ENTRY_LINK_SECRET, c.NITRO_ENTRY_LINK_SECRET_PREVIOUS].filter(Boolean),
      allowUnsigned: c.NITRO_ALLOW_UNSIGNED_ENTRY,
    },
    publicOrigin: c.NITRO_PUBLIC_ORIGIN,
    session: {
      idleSeconds: c.NITRO_SESSION_IDLE_SECONDS,
      absoluteSeconds: c.NITRO_SESSION_ABSOLUTE_SECONDS,
      maxEntries: c.NITRO_SESSION_MAX_ENTRIES,
      otpMaxAttempts: c.NITRO_OTP_MAX_ATTEMPTS,
      encryptionKeys: [c.NITRO_SESSION_ENCRYPTION_KEY, c.NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS].filter(Boolean).map((k) => decodeKey32(k)!),
    },
    store: {
      spec: c.NITRO_SESSION_STORAGE,
      timeoutMs: c.NITRO_STORE_TIMEOUT_MS,
      keyPrefix: c.NITRO_STORE_KEY_PREFIX,
      counterBinding: c.NITRO_COUNTER_DURABLE_OBJECT,
    },
    rateLimits: {
      entryIp: c.NITRO_RATE_LIMIT_ENTRY_IP,
      entryMsisdn: c.NITRO_RATE_LIMIT_ENTRY_MSISDN,
      otpSendMsisdn: c.NITRO_RATE_LIMIT_OTP_SEND_MSISDN,
      otpVerifyIp: c.NITRO_RATE_LIMIT_OTP_VERIFY_IP,
      otpVerifyMsisdn: c.NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN,
      lookupSession: c.NITRO_RATE_LIMIT_LOOKUP_SESSION,
      lookupMsisdn: c.NITRO_RATE_LIMIT_LOOKUP_MSISDN,
    },
    trustProxyHops: c.NITRO_TRUST_PROXY_HOPS,
    trustCfConnectingIp: c.NITRO_TRUST_CF_CONNECTING_IP,
    logRequests: c.NITRO_LOG_REQUESTS,
    server: {
      headersTimeoutMs: c.NITRO_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.NITRO_REQUEST_TIMEOUT_MS,
      maxConnections: c.NITRO_MAX_CONNECTIONS,
    },
  };
}

function splitBase(url: string): UpstreamBase {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, "") };
}

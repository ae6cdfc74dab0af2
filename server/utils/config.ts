import { z } from "zod";
import { isServiceName, SERVICE_NAMES, type ServiceName } from "../shared/services";

type IdentityMode = "otp" | "direct";
type StorageSpec = { kind: "memory" } | { kind: "redis"; url: string } | { kind: "kv"; binding: string };
interface RateLimit { limit: number; windowSeconds: number }
export type RateLimitName =
  | "entryIp" | "entryMsisdn" | "otpSendMsisdn" | "otpVerifyIp" | "otpVerifyMsisdn" | "lookupSession" | "lookupMsisdn"
  | "lookupSessionDaily" | "lookupMsisdnDaily" | "signupIp" | "signupMsisdn" | "identityMismatchId" | "identityIdsMsisdn"
  | "pinShowMsisdn" | "pinShowId" | "pinRegistrationMsisdn" | "etimsEnrolmentMsisdn"
  | "checkerSession" | "checkerSessionDaily" | "checkerMsisdn" | "checkerMsisdnDaily";

/** A base URL split once, so each request only appends a path. */
interface UpstreamBase { origin: string; path: string }

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
  /** The admin listener (Node only): off unless NITRO_ADMIN_PORT is set. */
  /** `metricsToken`: may only scrape `GET /metrics` ("" when unset); `token` may do everything. */
  admin?: { port: number; host: string; token: string; metricsToken: string };
  /** Services paused at start, until an operator changes the state in the store. */
  pausedServices: ServiceName[];
  /** "Send to my WhatsApp": null (the feature off) unless both the phone number id and the access token are set. */
  whatsapp: WhatsAppConfig | null;
  /** The WhatsApp Flows data endpoint (POST /whatsapp/flows): null (404) unless the private key and the app secret are set. */
  flows: FlowsConfig | null;
  /** Meta's webhook (GET/POST /whatsapp/webhook): null (404) unless the app secret and the verify token are set. */
  webhook: { appSecret: string; verifyToken: string } | null;
  /** Node's HTTP server (ignored on workerd). */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; maxConnections: number };
}

/** The WhatsApp Cloud API: `{baseUrl}/{phoneNumberId}/media` and `/messages`, with the access token as Bearer. */
export interface WhatsAppConfig { baseUrl: string; phoneNumberId: string; accessToken: string; timeoutMs: number }

/** PEM private keys, current first (then NITRO_FLOWS_PRIVATE_KEY_PREVIOUS), imported at start; the app secret signs requests. */
export interface FlowsConfig {
  privateKeys: { env: string; pem: string }[]; passphrase: string; appSecret: string;
  /** The upstream calls of one Flow request, together (WhatsApp gives up after about 10 s). */
  timeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gateway configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
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
function decodeKey32(text: string): Uint8Array | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const binary = atob(text.replace(/=$/, "").replace(/-/g, "+").replace(/_/g, "/") + "=");
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const encryptionKey = z.string().refine((s) => s === "" || decodeKey32(s) !== null, KEY_FORMAT);

/** A PEM private key; `\\n` escapes (a one-line variable) become line breaks. Whether it opens is checked at start. */
const privateKeyPem = z.string().transform((v) => v.replace(/\r\n/g, "\n").replace(/\\n/g, "\n")).refine(
  (v) => v === "" || /^-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA |ENCRYPTED )?PRIVATE KEY-----$/.test(v),
  "must be a PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or ENCRYPTED PRIVATE KEY), e.g. from `openssl genrsa 2048`",
);

const rateLimit = z.string().regex(/^\d+\/\d+$/, "must be <count>/<seconds>, e.g. 60/60").transform((v) => {
  const [limit, windowSeconds] = v.split("/").map(Number);
  return { limit, windowSeconds } as RateLimit;
}).refine((r) => r.limit > 0 && r.windowSeconds > 0, "count and seconds must be positive");

const SERVER = "[^\\s,/@]+:\\d{1,5}";
const REDIS_URL = new RegExp(
  `^rediss?://\\S+$|^rediss?\\+sentinel://([^\\s/@]*@)?${SERVER}(,${SERVER})*/[A-Za-z0-9._-]+(/\\d{1,2})?$`
    + `|^rediss?\\+cluster://([^\\s/@]*@)?${SERVER}(,${SERVER})*/?$`,
);

const storage = z.string().transform((v, ctx): StorageSpec => {
  if (v === "memory") return { kind: "memory" };
  if (REDIS_URL.test(v)) return { kind: "redis", url: v };
  if (/^kv:[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return { kind: "kv", binding: v.slice(3) };
  ctx.addIssue({
    code: "custom",
    message: "must be memory, a redis[s]:// URL, redis[s]+sentinel://host:port,…/<master>, redis[s]+cluster://host:port,…, or kv:<BINDING>",
  });
  return z.NEVER;
});

const serviceList = z.string().transform((v, ctx): ServiceName[] => {
  const names = v.split(",").map((name) => name.trim()).filter(Boolean);
  if (names.every(isServiceName)) return [...new Set(names)];
  ctx.addIssue({ code: "custom", message: `must be a comma-separated list of ${SERVICE_NAMES.join(", ")}` });
  return z.NEVER;
});

const adminHost = z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or an IP address, e.g. 127.0.0.1");

interface Setting<S extends z.ZodType> {
  /** The variable that sets it: Nitro's name for the runtimeConfig key (NITRO_ + the key in SNAKE_CASE), read and reported as is. */
  env: string;
  schema: S;
  /** As text, the way the environment gives it; "" means not set (secrets and endpoints have no default). */
  default: string;
}
const setting = <S extends z.ZodType>(env: string, schema: S, fallback = ""): Setting<S> => ({ env, schema, default: fallback });

/** Every gateway setting, once: its runtimeConfig key, variable, schema and default (the README's configuration table). */
const SETTINGS = {
  identityBaseUrl: setting("NITRO_IDENTITY_BASE_URL", serviceUrl("identity service base URL")),
  identityMode: setting("NITRO_IDENTITY_MODE", z.enum(["otp", "direct"], { error: "must be otp or direct" }), "otp"),
  identityTimeoutMs: setting("NITRO_IDENTITY_TIMEOUT_MS", integer(100, 120_000), "10000"),
  upstreamBaseUrl: setting("NITRO_UPSTREAM_BASE_URL", serviceUrl("tax API base URL")),
  documentsBaseUrl: setting("NITRO_DOCUMENTS_BASE_URL", z.union([z.literal(""), serviceUrl("documents base URL")])),
  itaxBaseUrl: setting("NITRO_ITAX_BASE_URL", z.union([z.literal(""), serviceUrl("iTax API base URL")])),
  upstreamApiKey: setting("NITRO_UPSTREAM_API_KEY", required("internal API secret key (no default)").pipe(secret(16))),
  upstreamApiKeyHeader: setting("NITRO_UPSTREAM_API_KEY_HEADER", z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a lower-case header name"), "x-api-key"),
  upstreamTimeoutMs: setting("NITRO_UPSTREAM_TIMEOUT_MS", integer(100, 300_000), "30000"),
  upstreamMaxResponseBytes: setting("NITRO_UPSTREAM_MAX_RESPONSE_BYTES", integer(1024, 1024 ** 3), String(25 * 1024 * 1024)),
  entryLinkSecret: setting("NITRO_ENTRY_LINK_SECRET", secret(32)),
  entryLinkSecretPrevious: setting("NITRO_ENTRY_LINK_SECRET_PREVIOUS", secret(32)),
  allowUnsignedEntry: setting("NITRO_ALLOW_UNSIGNED_ENTRY", bool, "false"),
  publicOrigin: setting("NITRO_PUBLIC_ORIGIN", origin),
  sessionStorage: setting("NITRO_SESSION_STORAGE", storage, "memory"),
  sessionEncryptionKey: setting("NITRO_SESSION_ENCRYPTION_KEY", required("session encryption key (no default); " + KEY_FORMAT).pipe(encryptionKey)),
  sessionEncryptionKeyPrevious: setting("NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS", encryptionKey),
  sessionIdleSeconds: setting("NITRO_SESSION_IDLE_SECONDS", integer(5, 86_400), "900"),
  sessionAbsoluteSeconds: setting("NITRO_SESSION_ABSOLUTE_SECONDS", integer(5, 7 * 86_400), "3600"),
  sessionMaxEntries: setting("NITRO_SESSION_MAX_ENTRIES", integer(100, 10_000_000), "100000"),
  otpMaxAttempts: setting("NITRO_OTP_MAX_ATTEMPTS", integer(1, 20), "5"),
  storeTimeoutMs: setting("NITRO_STORE_TIMEOUT_MS", integer(50, 60_000), "2000"),
  storeKeyPrefix: setting("NITRO_STORE_KEY_PREFIX", z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1-32 letters, digits, _ or -"), "kra-gw"),
  counterDurableObject: setting("NITRO_COUNTER_DURABLE_OBJECT",
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a binding name, e.g. COUNTERS"), "COUNTERS"),
  trustProxyHops: setting("NITRO_TRUST_PROXY_HOPS", integer(0, 10), "0"),
  headersTimeoutMs: setting("NITRO_HEADERS_TIMEOUT_MS", integer(100, 600_000), "10000"),
  requestTimeoutMs: setting("NITRO_REQUEST_TIMEOUT_MS", integer(100, 3_600_000), "30000"),
  maxConnections: setting("NITRO_MAX_CONNECTIONS", integer(1, 1_000_000), "1024"),
  trustCfConnectingIp: setting("NITRO_TRUST_CF_CONNECTING_IP", bool, "false"),
  logRequests: setting("NITRO_LOG_REQUESTS", bool, "true"),
  adminPort: setting("NITRO_ADMIN_PORT", z.union([z.literal(""), integer(1, 65_535)])),
  adminHost: setting("NITRO_ADMIN_HOST", adminHost, "127.0.0.1"),
  adminToken: setting("NITRO_ADMIN_TOKEN", secret(32)),
  metricsToken: setting("NITRO_METRICS_TOKEN", secret(32)),
  pausedServices: setting("NITRO_PAUSED_SERVICES", serviceList),
  rateLimitEntryIp: setting("NITRO_RATE_LIMIT_ENTRY_IP", rateLimit, "60/60"),
  rateLimitEntryMsisdn: setting("NITRO_RATE_LIMIT_ENTRY_MSISDN", rateLimit, "10/900"),
  rateLimitOtpSendMsisdn: setting("NITRO_RATE_LIMIT_OTP_SEND_MSISDN", rateLimit, "3/900"),
  rateLimitOtpVerifyIp: setting("NITRO_RATE_LIMIT_OTP_VERIFY_IP", rateLimit, "30/300"),
  rateLimitOtpVerifyMsisdn: setting("NITRO_RATE_LIMIT_OTP_VERIFY_MSISDN", rateLimit, "10/900"),
  rateLimitLookupSession: setting("NITRO_RATE_LIMIT_LOOKUP_SESSION", rateLimit, "20/60"),
  rateLimitLookupMsisdn: setting("NITRO_RATE_LIMIT_LOOKUP_MSISDN", rateLimit, "20/60"),
  rateLimitLookupSessionDaily: setting("NITRO_RATE_LIMIT_LOOKUP_SESSION_DAILY", rateLimit, "200/86400"),
  rateLimitLookupMsisdnDaily: setting("NITRO_RATE_LIMIT_LOOKUP_MSISDN_DAILY", rateLimit, "200/86400"),
  rateLimitSignupIp: setting("NITRO_RATE_LIMIT_SIGNUP_IP", rateLimit, "30/300"),
  rateLimitSignupMsisdn: setting("NITRO_RATE_LIMIT_SIGNUP_MSISDN", rateLimit, "10/900"),
  rateLimitIdentityMismatchId: setting("NITRO_RATE_LIMIT_IDENTITY_MISMATCH_ID", rateLimit, "5/86400"),
  rateLimitIdentityIdsMsisdn: setting("NITRO_RATE_LIMIT_IDENTITY_IDS_MSISDN", rateLimit, "2/86400"),
  rateLimitPinRegistrationMsisdn: setting("NITRO_RATE_LIMIT_PIN_REGISTRATION_MSISDN", rateLimit, "1/2592000"),
  rateLimitEtimsEnrolmentMsisdn: setting("NITRO_RATE_LIMIT_ETIMS_ENROLMENT_MSISDN", rateLimit, "1/2592000"),
  rateLimitPinShowMsisdn: setting("NITRO_RATE_LIMIT_PIN_SHOW_MSISDN", rateLimit, "3/86400"),
  rateLimitPinShowId: setting("NITRO_RATE_LIMIT_PIN_SHOW_ID", rateLimit, "3/86400"),
  rateLimitCheckerSession: setting("NITRO_RATE_LIMIT_CHECKER_SESSION", rateLimit, "20/60"),
  rateLimitCheckerSessionDaily: setting("NITRO_RATE_LIMIT_CHECKER_SESSION_DAILY", rateLimit, "200/86400"),
  rateLimitCheckerMsisdn: setting("NITRO_RATE_LIMIT_CHECKER_MSISDN", rateLimit, "20/60"),
  rateLimitCheckerMsisdnDaily: setting("NITRO_RATE_LIMIT_CHECKER_MSISDN_DAILY", rateLimit, "200/86400"),
  whatsappApiBaseUrl: setting("NITRO_WHATSAPP_API_BASE_URL", serviceUrl("WhatsApp Cloud API base URL"), "https://graph.facebook.com/v21.0"),
  whatsappPhoneNumberId: setting("NITRO_WHATSAPP_PHONE_NUMBER_ID",
    z.string().regex(/^(\d{5,32})?$/, "must be the Cloud API's phone number id (digits)")),
  whatsappAccessToken: setting("NITRO_WHATSAPP_ACCESS_TOKEN", secret(16)),
  whatsappTimeoutMs: setting("NITRO_WHATSAPP_TIMEOUT_MS", integer(100, 120_000), "15000"),
  whatsappAppSecret: setting("NITRO_WHATSAPP_APP_SECRET", secret(16)),
  whatsappVerifyToken: setting("NITRO_WHATSAPP_VERIFY_TOKEN", secret(16)),
  flowsPrivateKey: setting("NITRO_FLOWS_PRIVATE_KEY", privateKeyPem),
  flowsPrivateKeyPassphrase: setting("NITRO_FLOWS_PRIVATE_KEY_PASSPHRASE", z.string()),
  flowsPrivateKeyPrevious: setting("NITRO_FLOWS_PRIVATE_KEY_PREVIOUS", privateKeyPem),
  flowsTimeoutMs: setting("NITRO_FLOWS_TIMEOUT_MS", integer(500, 60_000), "8000"),
};

export type SettingKey = keyof typeof SETTINGS;
const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Each setting's variable, for checks and tests. */
export const settingEnvNames: Record<SettingKey, string> = mapSettings((s) => s.env);

/** Nitro's runtimeConfig defaults (nitro.config.ts); Nitro overrides each from its NITRO_* variable. */
export const gatewayRuntimeDefaults: Record<SettingKey, string> = mapSettings((s) => s.default);

function mapSettings<T>(pick: (s: Setting<z.ZodType>) => T): Record<SettingKey, T> {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, pick(SETTINGS[key])])) as Record<SettingKey, T>;
}

type Shape = { [K in SettingKey]: (typeof SETTINGS)[K]["schema"] };
const env = (key: SettingKey) => SETTINGS[key].env;
const issue = (key: SettingKey, message: string) => ({ code: "custom" as const, path: [key], message });

const schema = z.object(mapSettings((s) => s.schema) as Shape).superRefine((c, ctx) => {
  if (!c.entryLinkSecret && !c.allowUnsignedEntry) {
    ctx.addIssue(issue("entryLinkSecret",
      `required: entry links must be signed (or set ${env("allowUnsignedEntry")}=true, for development only)`));
  }
  if (c.entryLinkSecretPrevious && !c.entryLinkSecret) {
    ctx.addIssue(issue("entryLinkSecret", "required when a previous link secret is set"));
  }
  if (c.requestTimeoutMs < c.headersTimeoutMs) {
    ctx.addIssue(issue("requestTimeoutMs", `must not be shorter than ${env("headersTimeoutMs")}`));
  }
  if (c.adminPort !== "" && !c.adminToken) {
    ctx.addIssue(issue("adminToken", `required when ${env("adminPort")} is set (at least 32 bytes)`));
  }
  if (c.metricsToken && c.metricsToken === c.adminToken) {
    ctx.addIssue(issue("metricsToken", `must differ from ${env("adminToken")} (it may only scrape /metrics)`));
  }
  if (Boolean(c.whatsappPhoneNumberId) !== Boolean(c.whatsappAccessToken)) {
    const missing = c.whatsappPhoneNumberId ? "whatsappAccessToken" : "whatsappPhoneNumberId";
    const other = c.whatsappPhoneNumberId ? "whatsappPhoneNumberId" : "whatsappAccessToken";
    ctx.addIssue(issue(missing, `required when ${env(other)} is set (set both, or neither to turn "send to my WhatsApp" off)`));
  }
  checkFlows(c, ctx);
  if (c.sessionAbsoluteSeconds < c.sessionIdleSeconds) {
    ctx.addIssue(issue("sessionAbsoluteSeconds", `must not be shorter than ${env("sessionIdleSeconds")}`));
  }
});

/** Flows: the key needs the app secret (which signs every request) and the link secret (which signs flow tokens). */
function checkFlows(c: z.output<z.ZodObject<Shape>>, ctx: z.RefinementCtx): void {
  if (c.flowsPrivateKeyPrevious && !c.flowsPrivateKey) ctx.addIssue(issue("flowsPrivateKey", "required when a previous Flows key is set"));
  if (c.flowsPrivateKeyPassphrase && !c.flowsPrivateKey) ctx.addIssue(issue("flowsPrivateKey", `required when ${env("flowsPrivateKeyPassphrase")} is set`));
  if (!c.flowsPrivateKey) return;
  if (!c.whatsappAppSecret) {
    ctx.addIssue(issue("whatsappAppSecret", `required when ${env("flowsPrivateKey")} is set (set both, or neither to turn Flows off)`));
  }
  if (!c.entryLinkSecret) ctx.addIssue(issue("entryLinkSecret", `required when ${env("flowsPrivateKey")} is set (it signs flow tokens)`));
}

type Env = Record<string, string | undefined>;
type Defaults = Partial<Record<SettingKey, unknown>>;

/** Reads every setting as raw text (env over runtimeConfig defaults), validates once, names each bad variable. */
export function loadGatewayConfig(environment: Env, defaults: Defaults = gatewayRuntimeDefaults): GatewayConfig {
  const raw = {} as Record<SettingKey, string>;
  for (const key of SETTING_KEYS) raw[key] = (environment[env(key)] ?? String(defaults[key] ?? SETTINGS[key].default)).trim();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${settingName(i.path[0])}: ${i.message}`));
  }
  return toGatewayConfig(parsed.data);
}

function settingName(key: PropertyKey | undefined): string {
  return typeof key === "string" && key in SETTINGS ? env(key as SettingKey) : "config";
}

function toGatewayConfig(c: z.output<typeof schema>): GatewayConfig {
  return {
    identity: { baseUrl: c.identityBaseUrl, mode: c.identityMode, timeoutMs: c.identityTimeoutMs },
    upstream: {
      api: splitBase(c.upstreamBaseUrl),
      documents: splitBase(c.documentsBaseUrl || new URL(c.upstreamBaseUrl).origin),
      itax: splitBase(c.itaxBaseUrl || `${new URL(c.upstreamBaseUrl).origin}/api`),
      apiKey: c.upstreamApiKey,
      apiKeyHeader: c.upstreamApiKeyHeader,
      timeoutMs: c.upstreamTimeoutMs,
      maxResponseBytes: c.upstreamMaxResponseBytes,
    },
    link: { secrets: [c.entryLinkSecret, c.entryLinkSecretPrevious].filter(Boolean), allowUnsigned: c.allowUnsignedEntry },
    publicOrigin: c.publicOrigin,
    session: {
      idleSeconds: c.sessionIdleSeconds,
      absoluteSeconds: c.sessionAbsoluteSeconds,
      maxEntries: c.sessionMaxEntries,
      otpMaxAttempts: c.otpMaxAttempts,
      encryptionKeys: [c.sessionEncryptionKey, c.sessionEncryptionKeyPrevious].filter(Boolean).map((k) => decodeKey32(k)!),
    },
    store: { spec: c.sessionStorage, timeoutMs: c.storeTimeoutMs, keyPrefix: c.storeKeyPrefix, counterBinding: c.counterDurableObject },
    rateLimits: {
      entryIp: c.rateLimitEntryIp,
      entryMsisdn: c.rateLimitEntryMsisdn,
      otpSendMsisdn: c.rateLimitOtpSendMsisdn,
      otpVerifyIp: c.rateLimitOtpVerifyIp,
      otpVerifyMsisdn: c.rateLimitOtpVerifyMsisdn,
      lookupSession: c.rateLimitLookupSession,
      lookupMsisdn: c.rateLimitLookupMsisdn,
      lookupSessionDaily: c.rateLimitLookupSessionDaily,
      lookupMsisdnDaily: c.rateLimitLookupMsisdnDaily,
      signupIp: c.rateLimitSignupIp,
      signupMsisdn: c.rateLimitSignupMsisdn,
      identityMismatchId: c.rateLimitIdentityMismatchId,
      identityIdsMsisdn: c.rateLimitIdentityIdsMsisdn,
      pinRegistrationMsisdn: c.rateLimitPinRegistrationMsisdn,
      etimsEnrolmentMsisdn: c.rateLimitEtimsEnrolmentMsisdn,
      pinShowMsisdn: c.rateLimitPinShowMsisdn,
      pinShowId: c.rateLimitPinShowId,
      checkerSession: c.rateLimitCheckerSession,
      checkerSessionDaily: c.rateLimitCheckerSessionDaily,
      checkerMsisdn: c.rateLimitCheckerMsisdn,
      checkerMsisdnDaily: c.rateLimitCheckerMsisdnDaily,
    },
    trustProxyHops: c.trustProxyHops,
    trustCfConnectingIp: c.trustCfConnectingIp,
    logRequests: c.logRequests,
    admin: c.adminPort === "" ? undefined : { port: c.adminPort, host: c.adminHost, token: c.adminToken, metricsToken: c.metricsToken },
    pausedServices: c.pausedServices,
    whatsapp: c.whatsappPhoneNumberId && c.whatsappAccessToken
      ? { baseUrl: c.whatsappApiBaseUrl, phoneNumberId: c.whatsappPhoneNumberId, accessToken: c.whatsappAccessToken, timeoutMs: c.whatsappTimeoutMs }
      : null,
    flows: c.flowsPrivateKey && c.whatsappAppSecret ? {
      privateKeys: [
        { env: env("flowsPrivateKey"), pem: c.flowsPrivateKey },
        ...(c.flowsPrivateKeyPrevious ? [{ env: env("flowsPrivateKeyPrevious"), pem: c.flowsPrivateKeyPrevious }] : []),
      ],
      passphrase: c.flowsPrivateKeyPassphrase, appSecret: c.whatsappAppSecret, timeoutMs: c.flowsTimeoutMs,
    } : null,
    webhook: c.whatsappAppSecret && c.whatsappVerifyToken ? { appSecret: c.whatsappAppSecret, verifyToken: c.whatsappVerifyToken } : null,
    server: { headersTimeoutMs: c.headersTimeoutMs, requestTimeoutMs: c.requestTimeoutMs, maxConnections: c.maxConnections },
  };
}

function splitBase(url: string): UpstreamBase {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, "") };
}

/**
 * Defaults for every gateway setting, as Nitro `runtimeConfig` keys. Each key is
 * overridden at run time by `NITRO_<KEY_IN_SNAKE_CASE>` (e.g. `identityBaseUrl`
 * by `NITRO_IDENTITY_BASE_URL`). Secrets and endpoints have no default: an empty
 * string means "not set" and stops the server at start.
 */
export const gatewayRuntimeDefaults = {
  identityBaseUrl: "",
  identityMode: "otp",
  identityTimeoutMs: "10000",
  upstreamBaseUrl: "",
  documentsBaseUrl: "",
  itaxBaseUrl: "",
  upstreamApiKey: "",
  upstreamApiKeyHeader: "x-api-key",
  upstreamTimeoutMs: "30000",
  upstreamMaxResponseBytes: String(25 * 1024 * 1024),
  entryLinkSecret: "",
  entryLinkSecretPrevious: "",
  allowUnsignedEntry: "false",
  publicOrigin: "",
  sessionStorage: "memory",
  sessionEncryptionKey: "",
  sessionEncryptionKeyPrevious: "",
  sessionIdleSeconds: "900",
  sessionAbsoluteSeconds: "3600",
  sessionMaxEntries: "100000",
  otpMaxAttempts: "5",
  storeTimeoutMs: "2000",
  storeKeyPrefix: "kra-gw",
  counterDurableObject: "COUNTERS",
  trustProxyHops: "0",
  headersTimeoutMs: "10000",
  requestTimeoutMs: "30000",
  maxConnections: "1024",
  trustCfConnectingIp: "false",
  logRequests: "true",
  rateLimitEntryIp: "60/60",
  rateLimitEntryMsisdn: "10/900",
  rateLimitOtpSendMsisdn: "3/900",
  rateLimitOtpVerifyIp: "30/300",
  rateLimitOtpVerifyMsisdn: "10/900",
  rateLimitLookupSession: "20/60",
  rateLimitLookupMsisdn: "20/60",
} as const;

export type GatewayRuntimeKey = keyof typeof gatewayRuntimeDefaults;

import type { H3Event } from "h3";
import type { RateLimitName } from "./config";
import { sha256 } from "./crypto";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";

/**
 * Fixed-window counter in the shared store, so limits hold across instances.
 * The subject (an IP or an MSISDN) is hashed: no numbers or addresses at rest.
 */
export async function enforceRateLimit(_event: H3Event, name: RateLimitName, subject: string): Promise<void> {
  const { config, store } = useGateway();
  const { limit, windowSeconds } = config.rateLimits[name];
  const now = Math.floor(Date.now() / 1000);
  const window = Math.floor(now / windowSeconds);
  const count = await store.incrementCounter(`${name}:${await sha256(subject)}:${window}`, windowSeconds);
  if (count > limit) {
    throw gatewayError("rate_limited", { retryAfter: Math.max(1, (window + 1) * windowSeconds - now) });
  }
}

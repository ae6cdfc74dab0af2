// Node-only pieces, chosen at build time through the `#gateway-runtime` alias.
import type { H3Event } from "h3";
import type { ConfigError, GatewayConfig } from "../utils/config";
import { createMemoryBackend } from "../utils/store/memory";
import { createRedisBackend } from "../utils/store/redis";
import type { StoreBackend } from "../utils/store/types";

export { forwardUpstream } from "./node-forward";

export function createStoreBackend(config: GatewayConfig): StoreBackend {
  const { spec, keyPrefix, timeoutMs } = config.store;
  if (spec.kind === "redis") return createRedisBackend(spec.url, keyPrefix, timeoutMs);
  if (spec.kind === "memory") return createMemoryBackend(config.session.maxEntries);
  throw new Error("NITRO_SESSION_STORAGE: kv:<BINDING> is only available on workerd");
}

export function clientAddress(event: H3Event): string | undefined {
  return event.node.req.socket?.remoteAddress;
}

/** Prints the problems (no stack trace) and exits non-zero before the server listens. */
export function reportFatalConfigError(error: ConfigError): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

import { hasAdminListener } from "#gateway-runtime";
import { ConfigError, loadGatewayConfig, type GatewayConfig } from "./config";
import { gatewayError } from "./errors";
import { openGatewayStore, type GatewayStore } from "./store";
import { writeLog } from "./log";

export interface Gateway {
  config: GatewayConfig;
  store: GatewayStore;
}

let gateway: Gateway | undefined;
let reportedFailure = false;
let runtimeConfig: Record<string, unknown> = {};

/**
 * Validates the configuration and opens the store, once per process (or isolate). Throws ConfigError.
 * The raw environment comes first: Nitro's runtimeConfig passes each NITRO_* value through destr,
 * which turns a digit-only secret or key into a number (losing digits past 2^53); runtimeConfig
 * supplies only what the environment does not set (its defaults come from the settings table).
 * The plugin passes Nitro's runtimeConfig in, so this module loads outside Nitro too (tests).
 */
export function initGateway(nitroConfig?: Record<string, unknown>, env: Record<string, string | undefined> = process.env): Gateway {
  if (nitroConfig) runtimeConfig = nitroConfig;
  if (gateway) return gateway;
  const config = loadGatewayConfig(env, runtimeConfig);
  if (config.admin && !hasAdminListener()) {
    throw new ConfigError(["NITRO_ADMIN_PORT: this runtime has no second listener (no metrics or admin on workerd); leave it unset"]);
  }
  gateway = { config, store: openGatewayStore(config) };
  return gateway;
}

/** The gateway for this request; a configuration that does not validate answers 503 and is logged once. */
export function useGateway(): Gateway {
  if (gateway) return gateway;
  try {
    return initGateway();
  } catch (error) {
    if (!reportedFailure && error instanceof ConfigError) {
      reportedFailure = true;
      writeLog({ level: "error", msg: error.message });
    }
    throw gatewayError("service_unavailable");
  }
}

export async function closeGateway(): Promise<void> {
  const current = gateway;
  gateway = undefined;
  await current?.store.dispose();
}

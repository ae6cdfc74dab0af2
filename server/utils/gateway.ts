import { useRuntimeConfig } from "nitropack/runtime";
import { createStoreBackend } from "#gateway-runtime";
import { ConfigError, loadGatewayConfig, type GatewayConfig } from "./config";
import { gatewayError } from "./errors";
import { createGatewayStore, type GatewayStore } from "./store";
import { writeLog } from "./log";

export interface Gateway {
  config: GatewayConfig;
  store: GatewayStore;
}

let gateway: Gateway | undefined;
let reportedFailure = false;

/** Validates the configuration and opens the store, once per process (or isolate). Throws ConfigError. */
export function initGateway(env: Record<string, string | undefined> = process.env): Gateway {
  if (gateway) return gateway;
  const config = loadGatewayConfig(env, useRuntimeConfig() as Record<string, unknown>);
  gateway = { config, store: createGatewayStore(createStoreBackend(config)) };
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

import { defineNitroPlugin, useRuntimeConfig } from "nitropack/runtime";
import { limitHttpServers, reportFatalConfigError, warmUp, watchShutdown } from "#gateway-runtime";
import { startAdminListener } from "../features/admin";
import { ConfigError, type GatewayConfig } from "../utils/config";
import { importFlowKeys } from "../features/flows/envelope";
import { closeGateway, initGateway } from "../utils/gateway";
import { callHooksWithoutTasks } from "../utils/hook-calls";
import { writeLog } from "../utils/log";

// Fail fast: a bad configuration stops the server at start, naming every bad variable.
export default defineNitroPlugin((nitroApp) => {
  callHooksWithoutTasks(nitroApp.hooks);
  try {
    const { config } = initGateway(useRuntimeConfig());
    warnAboutDevelopmentSettings(config);
    limitHttpServers(config.server);
    warmUp();
    // A Flows key that does not open stops the server, naming its variable (on workerd: logged, and the endpoint answers 503).
    if (config.flows) importFlowKeys(config.flows).catch((error: Error) => reportFatalConfigError(error.message));
    logShutdown();
    if (config.admin) {
      const closing = startAdminListener(config.admin);
      nitroApp.hooks.hook("close", async () => (await closing)());
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reportFatalConfigError(error.message);
  }
  nitroApp.hooks.hook("close", closeGateway);
});

function warnAboutDevelopmentSettings(config: GatewayConfig): void {
  if (!config.link.allowUnsigned) return;
  writeLog({
    level: "warn",
    msg: "NITRO_ALLOW_UNSIGNED_ENTRY=true: unsigned entry links are accepted. For development only, never in production.",
  });
}

/** One line when draining starts (no new connections; requests in flight get NITRO_SHUTDOWN_TIMEOUT) and one at exit. */
function logShutdown(): void {
  let drainStarted: number | undefined;
  watchShutdown({
    draining(signal, timeoutMs) {
      drainStarted = Date.now();
      writeLog({ level: "info", msg: "shutdown: draining; no new connections, requests in flight may finish", signal, timeoutMs });
    },
    exited(code) {
      const drainedMs = drainStarted === undefined ? undefined : Date.now() - drainStarted;
      writeLog({ level: code === 0 ? "info" : "error", msg: "shutdown: exiting", exitCode: code, drainedMs });
    },
  });
}

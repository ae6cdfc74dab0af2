import { defineNitroPlugin } from "nitropack/runtime";
import { reportFatalConfigError } from "#gateway-runtime";
import { ConfigError } from "../utils/config";
import { closeGateway, initGateway } from "../utils/gateway";

// Fail fast: a bad configuration stops the server at start, naming every bad variable.
export default defineNitroPlugin((nitroApp) => {
  try {
    initGateway();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reportFatalConfigError(error);
  }
  nitroApp.hooks.hook("close", closeGateway);
});

import { defineNitroPlugin } from "nitropack/runtime";
import { useGateway } from "../utils/gateway";
import { logRequest, markRequestStart } from "../utils/request-log";

export default defineNitroPlugin((nitroApp) => {
  if (!safeLogSetting()) return;
  nitroApp.hooks.hook("request", markRequestStart);
  nitroApp.hooks.hook("afterResponse", logRequest);
});

function safeLogSetting(): boolean {
  try {
    return useGateway().config.logRequests;
  } catch {
    return true;
  }
}

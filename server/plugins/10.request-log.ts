import { defineNitroPlugin } from "nitropack/runtime";
import { logRequest, markRequestStart } from "../utils/request-log";

// Errors are logged by the error handler, which answers them (h3 skips afterResponse there).
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook("request", markRequestStart);
  nitroApp.hooks.hook("afterResponse", logRequest);
});

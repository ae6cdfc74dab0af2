import { defineNitroPlugin } from "nitropack/runtime";
import { logRequest } from "../utils/request-log";

// Errors are logged by the error handler, which answers them (h3 skips afterResponse there).
// The start time is taken by the gateway middleware (server/middleware/00.gateway.ts).
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook("afterResponse", logRequest);
});

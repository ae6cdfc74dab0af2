import { fileURLToPath } from "node:url";
import { defineNitroConfig } from "nitropack/config";
import { gatewayRuntimeDefaults } from "./server/utils/config";

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Shared by the vinxi build (UI + server/) and the standalone builds of server/.
// Never set srcDir here: vinxi loads this file into its own build (server/build/compose.ts).
export default defineNitroConfig({
  compatibilityDate: "2024-12-01",
  imports: false,
  errorHandler: fromRoot("./server/error.ts"),
  runtimeConfig: { ...gatewayRuntimeDefaults },
  alias: {
    // Node-only code (undici, ioredis) lives behind this alias; the workerd build points it elsewhere.
    "#gateway-runtime": fromRoot("./server/runtime/node.ts"),
  },
});

import { fileURLToPath } from "node:url";
import { defineNitroConfig } from "nitropack/config";

// Shared by the vinxi build (UI + server/) and the standalone build of server/.
// Never set srcDir here: vinxi loads this file into its own build (see DESIGN.md).
export default defineNitroConfig({
  compatibilityDate: "2024-12-01",
  imports: false,
  errorHandler: fileURLToPath(new URL("./server/error.ts", import.meta.url)),
  runtimeConfig: {
    identityBaseUrl: "",
  },
});

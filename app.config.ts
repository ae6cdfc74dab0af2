import { defineConfig } from "@solidjs/start/config";
import { composeGatewayServer } from "./server/build/compose";

export default defineConfig({
  appRoot: ".",
  routeDir: "./routes",
  server: {
    preset: "node-server",
    modules: [composeGatewayServer],
  },
});

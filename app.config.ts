import { defineConfig } from "@solidjs/start/config";
import { composeGatewayServer } from "./server/build/compose";
import { GATEWAY_PATH_PREFIXES } from "./server/shared/gateway-paths";

// `npm run dev`: vinxi serves the UI; the gateway's paths go to `nitropack dev server` (server/cli/dev.ts).
const DEV_GATEWAY = `http://localhost:${process.env.DEV_GATEWAY_PORT ?? 3001}`;
const devProxy = Object.fromEntries(
  GATEWAY_PATH_PREFIXES.map((prefix) => prefix.replace(/\/$/, "")).map((path) => [path, { target: DEV_GATEWAY + path, changeOrigin: false }]),
);

export default defineConfig({
  appRoot: ".",
  routeDir: "./routes",
  server: {
    preset: "node-server",
    modules: [composeGatewayServer],
    devProxy,
    // SolidStart turns this on by default; it wraps every request (the proxy's too) in
    // AsyncLocalStorage. Nothing here needs it: pages get their event from SolidStart.
    experimental: { asyncContext: false },
  },
});

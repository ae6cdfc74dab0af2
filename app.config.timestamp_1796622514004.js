// app.config.ts
import { defineConfig } from "@solidjs/start/config";

// server/build/compose.ts
import { readdirSync } from "node:fs";
import { join } from "node:path";
var composeGatewayServer = {
  name: "kra-gateway:compose",
  setup(nitro) {
    const serverDir = join(nitro.options.rootDir, "server");
    nitro.options.scanDirs = [serverDir];
    nitro.options.plugins.push(...listPlugins(join(serverDir, "plugins")));
    for (const handler of nitro.options.handlers) {
      if (handler.middleware && handler.route === "/") {
        handler.route = "/**";
        handler.middleware = false;
      }
      handler.lazy = true;
    }
  }
};
function listPlugins(dir) {
  return readdirSync(dir).filter((name) => name.endsWith(".ts")).sort().map((name) => join(dir, name));
}

// server/shared/gateway-paths.ts
var GATEWAY_PATH_PREFIXES = ["/api/", "/entry", "/session", "/healthz", "/readyz", "/favicon.ico", "/robots.txt"];
var escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
var GATEWAY_PATH_PATTERN = new RegExp(
  `^(?:${GATEWAY_PATH_PREFIXES.map((prefix) => prefix.endsWith("/") ? escape(prefix) : `${escape(prefix)}(?:$|[/?])`).join("|")})`
);

// app.config.ts
var DEV_GATEWAY = `http://localhost:${process.env.DEV_GATEWAY_PORT ?? 3001}`;
var devProxy = Object.fromEntries(
  GATEWAY_PATH_PREFIXES.map((prefix) => prefix.replace(/\/$/, "")).map((path) => [path, { target: DEV_GATEWAY + path, changeOrigin: false }])
);
var app_config_default = defineConfig({
  appRoot: ".",
  routeDir: "./routes",
  server: {
    preset: "node-server",
    modules: [composeGatewayServer],
    devProxy,
    // SolidStart turns this on by default; it wraps every request (the proxy's too) in
    // AsyncLocalStorage. Nothing here needs it: pages get their event from SolidStart.
    experimental: { asyncContext: false }
  }
});
export {
  app_config_default as default
};

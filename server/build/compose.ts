import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Nitro, NitroModule } from "nitropack";

/**
 * vinxi builds Nitro with `scanDirs: []` and mounts the SolidStart page handler
 * as middleware on `/`, which answers every path. This module makes Nitro scan
 * `server/` (api, routes, middleware, plugins) and turns the page middleware into
 * a `/**` route, so the file-based handlers win on their own paths. vinxi's
 * handlers become lazy: a new instance answers /healthz without loading the UI.
 */
export const composeGatewayServer: NitroModule = {
  name: "kra-gateway:compose",
  setup(nitro: Nitro) {
    const serverDir = join(nitro.options.rootDir, "server");
    nitro.options.scanDirs = [serverDir];
    nitro.options.plugins.push(...listPlugins(join(serverDir, "plugins")));
    for (const handler of nitro.options.handlers) {
      if (handler.middleware && handler.route === "/") {
        handler.route = "/**";
        handler.middleware = false;
      }
      // The UI's renderer (solid-js, seroval, the page bundles) loads with the first page, not at start.
      handler.lazy = true;
    }
  },
};

function listPlugins(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => join(dir, name));
}

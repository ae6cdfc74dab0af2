import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const shared = {
  root,
  resolve: { alias: { "#gateway-runtime": `${root}server/runtime/node.ts` } },
};
const timeouts = { testTimeout: 20_000, hookTimeout: 60_000, pool: "forks" as const };

// One integration suite, two runtimes: tests/integration runs against the
// node-server build and against the workerd build in Miniflare.
export default defineConfig({
  ...shared,
  test: {
    projects: [
      { ...shared, test: { ...timeouts, name: "node", include: ["tests/**/*.test.ts"], env: { GATEWAY_RUNTIME: "node" } } },
      { ...shared, test: { ...timeouts, name: "workerd", include: ["tests/integration/**/*.test.ts"], env: { GATEWAY_RUNTIME: "workerd" } } },
    ],
  },
});

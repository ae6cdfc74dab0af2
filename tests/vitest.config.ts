import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const shared = {
  root,
  resolve: { alias: { "#gateway-runtime": `${root}server/runtime/node.ts` } },
};
const timeouts = { testTimeout: 20_000, hookTimeout: 60_000, pool: "forks" as const };

// Thousands of requests each: they run in their own project, after the others, one file at a time.
const HEAVY = ["tests/faults/soak.test.ts", "tests/faults/storm.test.ts", "tests/faults/young-generation.test.ts"];

// One integration suite, two runtimes: tests/integration runs against the
// node-server build and against the workerd build in Miniflare.
export default defineConfig({
  ...shared,
  test: {
    // Deliberate: each test file starts its own gateway and upstream processes, so half the
    // cores run test files and the other half serve them (1 worker on a 2-core machine).
    maxWorkers: "50%",
    fileParallelism: true,
    projects: [
      {
        ...shared,
        test: {
          ...timeouts, name: "node", include: ["tests/**/*.test.ts"], exclude: [...configDefaults.exclude, ...HEAVY],
          env: { GATEWAY_RUNTIME: "node" }, sequence: { groupOrder: 0 },
        },
      },
      {
        ...shared,
        test: { ...timeouts, name: "workerd", include: ["tests/integration/**/*.test.ts"], env: { GATEWAY_RUNTIME: "workerd" }, sequence: { groupOrder: 0 } },
      },
      {
        ...shared,
        test: {
          ...timeouts, name: "heavy", include: HEAVY, env: { GATEWAY_RUNTIME: "node" },
          // Group 1 starts once groups 0 (node, workerd) have finished; one fork, one file at a time.
          sequence: { groupOrder: 1 }, poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});

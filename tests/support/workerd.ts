import { existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { collectLines, ROOT, type RunningGateway, type StartOptions } from "./gateway";

export const WORKER_SCRIPT = `${ROOT}.output-worker/server/index.mjs`;
export const KV_BINDING = "SESSIONS";
/** The worker build's Durable Object for nonces and counters, bound under the gateway's default name. */
export const COUNTER_BINDING = "COUNTERS";

/**
 * Runs the standalone workerd build of server/ (`npm run build:worker`) in
 * Miniflare on a loopback port: the same contract as the Node launcher. Env
 * values become bindings; sessions default to a KV namespace, nonces and
 * counters to the GatewayCounter Durable Object.
 */
export async function startWorkerdGateway(options: StartOptions): Promise<RunningGateway> {
  if (!existsSync(WORKER_SCRIPT)) throw new Error("no worker build: run `npm run build` first");
  const output: string[] = [];
  const miniflare = new Miniflare({
    modules: true,
    modulesRules: [{ type: "ESModule", include: ["**/*.mjs"] }],
    scriptPath: WORKER_SCRIPT,
    compatibilityDate: "2024-12-01",
    compatibilityFlags: ["nodejs_compat"],
    kvNamespaces: [KV_BINDING],
    durableObjects: { [COUNTER_BINDING]: "GatewayCounter" },
    bindings: { NITRO_SESSION_STORAGE: `kv:${KV_BINDING}`, ...options.env },
    host: "127.0.0.1",
    port: options.port ?? 0,
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      collectLines(stdout, (line) => output.push(line));
      collectLines(stderr, (line) => output.push(line));
    },
  });
  const url = await miniflare.ready;
  const port = Number(url.port);
  return {
    url: `http://localhost:${port}`,
    port,
    output,
    logLines: () => output.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line)),
    stop: async () => {
      await miniflare.dispose();
      return 0;
    },
  };
}

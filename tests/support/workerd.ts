import { existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { collectLines, ROOT, type RunningGateway, type StartOptions } from "./gateway";

export const WORKER_SCRIPT = `${ROOT}.output-worker/server/index.mjs`;
export const KV_BINDING = "SESSIONS";
/** The worker build's Durable Object for nonces and counters, bound under the gateway's default name. */
export const COUNTER_BINDING = "COUNTERS";

/** The part of Workers KV's API the tests read (Miniflare's own typing of it is the workers-types one). */
interface KvView {
  list(): Promise<{ keys: { name: string }[] }>;
  get(key: string): Promise<string | null>;
}

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
    async storedItems() {
      const namespace = (await miniflare.getKVNamespace(KV_BINDING)) as unknown as KvView;
      const keys = (await namespace.list()).keys.map((key) => key.name);
      const values = await Promise.all(keys.map(async (key) => (await namespace.get(key)) ?? ""));
      return { keys, values };
    },
    stop: async () => {
      await miniflare.dispose();
      return 0;
    },
  };
}

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { NODE_SERVER, ROOT } from "../support/gateway";

const SOURCES = ["server", "routes", "components", "app.tsx", "entry-client.tsx", "entry-server.tsx", "app.config.ts", "nitro.config.ts", "package-lock.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Runs `npm run build:server` when the node-server output is missing or older than any source. */
export function buildIfNeeded(): void {
  const sources = SOURCES.map((entry) => join(ROOT, entry)).filter(existsSync);
  const newestSource = Math.max(...sources.map(newestMtime));
  if (existsSync(NODE_SERVER) && statSync(NODE_SERVER).mtimeMs >= newestSource) return;
  console.log("Building the gateway (npm run build:server)…");
  const result = spawnSync("npm", ["run", "build:server"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

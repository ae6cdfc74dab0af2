import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./gateway";

export interface RedisCluster {
  /** NITRO_SESSION_STORAGE for the gateway: redis+cluster://host:port,… */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

/** Three redis-server primaries in cluster mode on loopback (no replicas), slots spread by redis-cli. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "gw-redis-cluster-"));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = ports.map((port) => spawn("redis-server", [
    "--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", join(dir, `nodes-${port}.conf`),
    "--dir", dir, "--save", "", "--appendonly", "no",
  ], { stdio: "ignore" }));
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(null);
      child.once("exit", resolve);
      child.kill("SIGKILL");
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(() => ports.every((port) => cli(port, "ping") === "PONG"), "start");
    const created = spawnSync("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"], { encoding: "utf8" });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await until(() => ports.every((port) => /cluster_state:ok/.test(cli(port, "cluster", "info"))), "agree");
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(",")}`, ports, stop };
}

export function cli(port: number, ...args: string[]): string {
  return spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).stdout.trim();
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis cluster did not ${what}`);
}

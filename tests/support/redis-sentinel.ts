import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Redis from "ioredis";
import { freePort } from "./gateway";

// A real Redis Sentinel setup from Debian's redis-server and redis-sentinel, on loopback with
// free ports and a temporary directory: one primary, one replica, three sentinels (quorum 2).

const HOST = "127.0.0.1";

export interface SentinelSetupOptions {
  /** The monitored primary's name (Sentinel's "master name"). */
  name?: string;
  /** How long a primary must be silent before a sentinel calls it down. */
  downAfterMs?: number;
  failoverTimeoutMs?: number;
}

export interface SentinelSetup {
  name: string;
  /** For ioredis: `new Redis({ sentinels, name })`. */
  sentinels: { host: string; port: number }[];
  /** The gateway-side form: redis+sentinel://host:port,host:port/name (NITRO_SESSION_STORAGE). */
  url: string;
  /** The port of the Redis the sentinels currently agree is the primary. */
  primaryPort(): number;
  replicaPort(): number;
  /** SIGKILLs the current primary; resolves once it is gone. */
  killPrimary(): Promise<{ port: number; killedAt: number }>;
  /** Waits until every sentinel names a new primary (not `fromPort`); its port and the wait. */
  waitForFailover(fromPort: number, timeoutMs?: number): Promise<{ port: number; waitedMs: number }>;
  /** Stops the sentinels, then the Redis servers, and removes the temporary directory. */
  stop(): Promise<void>;
  /** Every process started, for checks that nothing is left running. */
  pids(): number[];
}

interface Member { port: number; child?: ChildProcess; log: string[] }

export function sentinelAvailable(): boolean {
  return spawnSync("redis-sentinel", ["--version"], { stdio: "ignore" }).status === 0
    && spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export async function startRedisSentinel(options: SentinelSetupOptions = {}): Promise<SentinelSetup> {
  if (!sentinelAvailable()) throw new Error("redis-server and redis-sentinel are needed: apt-get install redis-server redis-sentinel");
  const name = options.name ?? "gateway";
  const dir = await mkdtemp(join(tmpdir(), "redis-sentinel-"));
  const redis: Member[] = [{ port: await freePort(), log: [] }, { port: await freePort(), log: [] }];
  const sentinels: Member[] = [];
  for (let i = 0; i < 3; i++) sentinels.push({ port: await freePort(), log: [] });
  let primary = redis[0].port;
  const setup: SentinelSetup = {
    name,
    sentinels: sentinels.map(({ port }) => ({ host: HOST, port })),
    url: `redis+sentinel://${sentinels.map(({ port }) => `${HOST}:${port}`).join(",")}/${name}`,
    primaryPort: () => primary,
    replicaPort: () => redis.find((member) => member.port !== primary)!.port,
    async killPrimary() {
      const member = redis.find((m) => m.port === primary)!;
      await stopMember(member, "SIGKILL");
      return { port: member.port, killedAt: Date.now() };
    },
    async waitForFailover(fromPort, timeoutMs = 30_000) {
      const started = Date.now();
      const port = await waitForAgreement(name, sentinels, (p) => p !== fromPort, timeoutMs, () => logsOf(redis, sentinels));
      primary = port;
      return { port, waitedMs: Date.now() - started };
    },
    async stop() {
      await Promise.all(sentinels.map((member) => stopMember(member, "SIGTERM")));
      await Promise.all(redis.map((member) => stopMember(member, "SIGTERM")));
      await rm(dir, { recursive: true, force: true });
    },
    pids: () => [...redis, ...sentinels].map((m) => m.child?.pid).filter((pid): pid is number => pid !== undefined),
  };
  try {
    await startRedis(redis[0], dir, []);
    await startRedis(redis[1], dir, ["--replicaof", HOST, String(redis[0].port)]);
    await waitUntil(async () => /master_link_status:up/.test(String(await ask(redis[1].port, ["INFO", "replication"]))),
      15_000, `the replica's first sync\n${logsOf(redis, sentinels)}`);
    for (const [i, member] of sentinels.entries()) await startSentinel(member, dir, i, name, redis[0].port, options);
    await waitForAgreement(name, sentinels, (p) => p === redis[0].port, 30_000, () => logsOf(redis, sentinels), true);
  } catch (error) {
    await setup.stop();
    throw error;
  }
  return setup;
}

/** Until the replica has every write made so far: only those survive a failover (replication is asynchronous). */
export async function waitForReplica(setup: SentinelSetup, timeoutMs = 5000): Promise<void> {
  const primary = new Redis({ host: HOST, port: setup.primaryPort(), lazyConnect: true });
  try {
    await primary.connect();
    if ((await primary.wait(1, timeoutMs)) !== 1) throw new Error(`the replica did not acknowledge within ${timeoutMs} ms`);
  } finally {
    primary.disconnect();
  }
}

async function startRedis(member: Member, dir: string, extra: string[]): Promise<void> {
  // No 5 s pause before a replica's full sync (Redis 7 default): the replica is in sync at once.
  const args = ["--port", String(member.port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", dir,
    "--repl-diskless-sync-delay", "0",
    "--dbfilename", `dump-${member.port}.rdb`, ...extra];
  member.child = launch("redis-server", args, member.log);
  await waitUntil(async () => (await ask(member.port, ["PING"])) === "PONG", 10_000, `redis-server on ${member.port}`);
}

async function startSentinel(
  member: Member, dir: string, index: number, name: string, primaryPort: number, options: SentinelSetupOptions,
): Promise<void> {
  const file = join(dir, `sentinel-${index}.conf`); // sentinels rewrite their file: one each, writable
  await writeFile(file, [
    `port ${member.port}`, `bind ${HOST}`, `dir ${dir}`, "daemonize no", 'logfile ""',
    `sentinel monitor ${name} ${HOST} ${primaryPort} 2`,
    `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
    `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 5000}`,
    `sentinel parallel-syncs ${name} 1`, "",
  ].join("\n"));
  member.child = launch("redis-sentinel", [file], member.log);
  await waitUntil(async () => (await ask(member.port, ["PING"])) === "PONG", 10_000, `redis-sentinel on ${member.port}`);
}

function launch(command: string, args: string[], log: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const keep = (data: Buffer) => {
    log.push(...data.toString().split("\n").filter(Boolean));
    if (log.length > 50) log.splice(0, log.length - 50);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

/**
 * Until every sentinel names the same primary that `accept`s, and (with `settled`) each sees
 * the replica and the two other sentinels: before that a failover could not reach a quorum.
 */
async function waitForAgreement(
  name: string, sentinels: Member[], accept: (port: number) => boolean, timeoutMs: number, logs: () => string, settled = false,
): Promise<number> {
  let agreed = 0;
  await waitUntil(async () => {
    const views = await Promise.all(sentinels.map((s) => primaryAsSeenBy(s.port, name)));
    const ports = new Set(views.map((v) => v?.port));
    if (ports.size !== 1 || views[0] === null || !accept(views[0].port)) return false;
    if (settled && !views.every((v) => v!.replicas === 1 && v!.otherSentinels === 2)) return false;
    agreed = views[0].port;
    return true;
  }, timeoutMs, `sentinels agreeing on the primary\n${logs()}`);
  return agreed;
}

async function primaryAsSeenBy(sentinelPort: number, name: string) {
  const fields = await ask(sentinelPort, ["SENTINEL", "MASTER", name]);
  if (!Array.isArray(fields)) return null;
  const info = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), String(fields[i + 1]));
  if (/s_down|o_down/.test(info.get("flags") ?? "")) return null;
  return { port: Number(info.get("port")), replicas: Number(info.get("num-slaves")), otherSentinels: Number(info.get("num-other-sentinels")) };
}

/** One command on a fresh connection; null when the server does not answer. */
async function ask(port: number, command: string[]): Promise<unknown> {
  const client = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return await client.call(command[0], ...command.slice(1));
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

async function stopMember(member: Member, signal: NodeJS.Signals): Promise<void> {
  const child = member.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  const force = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(force);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function logsOf(redis: Member[], sentinels: Member[]): string {
  return [...redis, ...sentinels].map((m) => `--- ${m.port}\n${m.log.slice(-15).join("\n")}`).join("\n");
}

// Runs before `npm test`: the suites need Debian's Chromium and a Redis server on
// 127.0.0.1:6379. On a fresh Debian machine (as root) this installs and starts
// what is missing; elsewhere it says what to install.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";

const CHROMIUM = "/usr/bin/chromium";

function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(6379, "127.0.0.1");
    socket.setTimeout(1000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function install(packages: string[]): void {
  if (packages.length === 0) return;
  if (process.getuid?.() !== 0 || !has("apt-get")) {
    console.error(`Missing for the tests: ${packages.join(", ")}. Install them (Debian: apt-get install -y ${packages.join(" ")}).`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(", ")} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env });
}

async function main(): Promise<void> {
  install([!existsSync(CHROMIUM) && "chromium", !has("redis-server") && "redis-server"].filter(Boolean) as string[]);
  if (!(await redisAnswers())) {
    console.log("Starting redis-server on 127.0.0.1:6379…");
    execFileSync("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"], { stdio: "inherit" });
    for (let i = 0; i < 50 && !(await redisAnswers()); i++) await new Promise((r) => setTimeout(r, 100));
    if (!(await redisAnswers())) throw new Error("redis-server did not start");
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { NGINX } from "./nginx";

/** Installs Debian's nginx-light and wrk when missing, as .ci/run does for the test prerequisites. */
export function ensureTools(): void {
  const missing: string[] = [];
  if (!existsSync(NGINX)) missing.push("nginx-light");
  if (spawnSync("wrk", ["--version"]).error) missing.push("wrk");
  if (missing.length === 0) return;
  console.error(`Installing ${missing.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...missing]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed: install ${missing.join(", ")} and run again`);
  }
}

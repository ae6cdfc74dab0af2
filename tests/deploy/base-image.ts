import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Where no container registry can be reached (CI, air-gapped sites), a stand-in for the Containerfile's Node
// base image, built from Debian's packages: `mmdebstrap --variant=minbase bookworm`, the Node binary that runs
// this test (and libatomic1, which it links), the npm that installed the project, and a `node` user and group with id 1000, as in the official
// image. It is tagged with the base image's own name, so the Containerfile builds unchanged on top of it.

export const STAND_IN_LABEL = "kra-gateway.stand-in-node";

/** The one base image every stage of the Containerfile starts from. */
export function baseImageOf(containerfile: string): string {
  const bases = new Set([...containerfile.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)].map(([, image]) => image));
  if (bases.size !== 1) throw new Error(`expected one base image, found: ${[...bases].join(", ")}`);
  return [...bases][0];
}

/**
 * Runs a long command without blocking the event loop (a test worker that blocks for minutes loses its
 * connection to vitest); resolves with its output, rejects with the output's end on failure.
 */
export function runCommand(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const output = Buffer.concat(chunks).toString("utf8");
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args[0]} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

function podman(args: string[]): string {
  return execFileSync("podman", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** What is already stored under that name: nothing, a stand-in for some Node version, or a real image. */
function storedBase(name: string): "none" | "real" | string {
  try {
    const label = podman(["image", "inspect", "--format", `{{index .Labels "${STAND_IN_LABEL}"}}`, name]);
    return label === "" || label === "<no value>" ? "real" : label;
  } catch {
    return "none";
  }
}

/** npm's own directory: the npm running this (npm test) or the one on the PATH. */
function npmDirectory(): string {
  const cli = process.env.npm_execpath;
  if (cli && existsSync(cli)) return dirname(dirname(realpathSync(cli)));
  return join(execFileSync("npm", ["root", "--global"], { encoding: "utf8" }).trim(), "npm");
}

/** What Debian's own slim images leave out (documentation, manual pages, translations), and no fsync per file. */
const SLIM = [
  "path-exclude=/usr/share/doc/*", "path-include=/usr/share/doc/*/copyright", "path-exclude=/usr/share/man/*",
  "path-exclude=/usr/share/locale/*", "path-include=/usr/share/locale/locale.alias", "path-exclude=/usr/share/info/*",
  "force-unsafe-io",
];

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** The shell hooks that turn Debian's minbase into a Node image like the official one. */
function customizeHooks(node: string, npm: string): string[] {
  return [
    `install -D -m 0755 ${quote(node)} "$1/usr/local/bin/node"`,
    `mkdir -p "$1/usr/local/lib/node_modules" && cp -a ${quote(npm)} "$1/usr/local/lib/node_modules/npm"`,
    `ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm" && ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"`,
    `chroot "$1" groupadd --gid 1000 node && chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node`,
    `rm -rf "$1/var/lib/apt/lists/"* "$1/var/cache/apt/"*`,
  ];
}

/**
 * Makes sure `name` exists: a real image (pulled or loaded by an operator) is kept, a stand-in is kept
 * while it holds this Node version, otherwise one is built. Returns what was done.
 */
export async function ensureBaseImage(name: string, node = process.execPath): Promise<"kept" | "built"> {
  const stored = storedBase(name);
  if (stored === "real" || stored === process.version) return "kept";
  const work = mkdtempSync(join(tmpdir(), "kra-gateway-base-"));
  try {
    const rootfs = join(work, "rootfs.tar");
    const hooks = customizeHooks(node, npmDirectory()).flatMap((hook) => ["--customize-hook", hook]);
    await runCommand("mmdebstrap", ["--quiet", "--variant=minbase", "--include=libatomic1", "--mode=root", "--format=tar",
      ...SLIM.map((option) => `--dpkgopt=${option}`), ...hooks, "bookworm", rootfs]);
    await runCommand("podman", ["import", "--change", `LABEL ${STAND_IN_LABEL}=${process.version}`,
      "--change", `ENV NODE_VERSION=${process.version.slice(1)}`, "--change", 'CMD ["node"]', rootfs, name]);
    return "built";
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The stand-in's Node version as the image reports it (a check that the binary runs in it). */
export function nodeVersionIn(image: string): string {
  return podman(["run", "--rm", ...hostLimits(), image, "node", "--version"]);
}

/**
 * Limits a container may be given on this host. Where root lacks CAP_SYS_RESOURCE (some VMs and sandboxes),
 * podman's defaults (above the host's hard limits) fail with "error setting rlimits": stay at or under them.
 */
export function hostLimits(): string[] {
  const limits = readFileSync("/proc/self/limits", "utf8");
  const hard = (name: string) => Number(new RegExp(`^${name}\\s+\\S+\\s+(\\S+)`, "m").exec(limits)?.[1]);
  const nofile = Math.min(hard("Max open files") || 1024, 65_536);
  const nproc = Math.min(hard("Max processes") || 4096, 4096);
  return ["--ulimit", `nofile=${nofile}:${nofile}`, "--ulimit", `nproc=${nproc}:${nproc}`];
}

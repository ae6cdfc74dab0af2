import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { GatewayClient } from "../support/client";
import { freePort, ROOT } from "../support/gateway";
import { OTP } from "../support/stack";

// Without a container engine: this test reads the Containerfile's runtime stage, copies
// exactly what it copies into an empty directory, and runs its CMD and HEALTHCHECK there
// as an unprivileged user with only its ENV plus configuration: what the image would do.
// tests/deploy/container.test.ts builds and runs the real image where podman is.
const containerfile = readFileSync(join(ROOT, "Containerfile"), "utf8").replace(/\\\n\s*/g, " ");
const runtimeStage = containerfile.slice(containerfile.lastIndexOf("\nFROM "));
const execForm = (instruction: string) => JSON.parse(new RegExp(`^${instruction}\\s+(?:--\\S+\\s+)*(?:CMD\\s+)?(\\[.*\\])\\s*$`, "m").exec(runtimeStage)![1]) as string[];
const imageEnv = Object.fromEntries([...runtimeStage.matchAll(/^ENV\s+(.+)$/gm)].flatMap(([, list]) =>
  [...list.matchAll(/(\w+)=(\S+)/g)].map(([, name, value]) => [name, value])));
const copies = [...runtimeStage.matchAll(/^COPY\s+--from=build(?:\s+--chown=\S+)?\s+(\S+)\s+(\S+)\s*$/gm)].map(([, from, to]) => ({ from, to }));
const unprivileged = process.getuid?.() === 0 ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] : [];

let appDir: string;
let upstream: SimulatedUpstream;
let server: ChildProcess;
let port: number;
const output: string[] = [];

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), "kra-gateway-image-"));
  chmodSync(appDir, 0o755);
  // COPY keeps symlinks as they are; cpSync without verbatimSymlinks would point them back into the checkout.
  for (const { from, to } of copies) cpSync(join(ROOT, from.replace(/^\/app\//, "")), join(appDir, to), { recursive: true, verbatimSymlinks: true });
  upstream = await startSimulatedUpstream({ apiKey: "container-test-key-0123", otp: OTP });
  port = await freePort();
  const [command, ...args] = execForm("CMD");
  const binary = command === "node" ? process.execPath : command;
  const [program, ...programArgs] = [...unprivileged, binary, ...args];
  server = spawn(program, programArgs, {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      ...imageEnv,
      PORT: String(port),
      NITRO_IDENTITY_BASE_URL: upstream.identityBaseUrl,
      NITRO_UPSTREAM_BASE_URL: upstream.upstreamBaseUrl,
      NITRO_DOCUMENTS_BASE_URL: upstream.documentsBaseUrl,
      NITRO_UPSTREAM_API_KEY: "container-test-key-0123",
      NITRO_PUBLIC_ORIGIN: `http://localhost:${port}`,
      NITRO_ALLOW_UNSIGNED_ENTRY: "true",
      NITRO_SESSION_ENCRYPTION_KEY: "c0ffee".repeat(10) + "0123",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk) => output.push(String(chunk)));
  server.stderr!.on("data", (chunk) => output.push(String(chunk)));
  for (let i = 0; i < 100 && !output.join("").includes("Listening"); i++) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  server?.kill("SIGTERM");
  await upstream?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

describe("the Containerfile's runtime stage", () => {
  it("is multi-stage, copies only the build output, runs as a non-root user in production mode", () => {
    expect(containerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(containerfile).toMatch(/^RUN .*\bnpm ci\b/m);
    expect(copies).toEqual([{ from: "/app/.output", to: "./.output" }]);
    expect(runtimeStage).toMatch(/^USER 1000:1000$/m); // the base image's `node` user, numeric for runAsNonRoot
    expect(imageEnv.NODE_ENV).toBe("production");
    expect(runtimeStage).toMatch(/^EXPOSE 3000$/m);
    expect(execForm("HEALTHCHECK")[0]).toBe("node");
  });

  it("is copied self-contained: no symlink points outside the copy, and no parent directory holds node_modules", () => {
    const links = readdirSync(appDir, { recursive: true, encoding: "utf8" })
      .map((entry) => join(appDir, entry))
      .filter((path) => lstatSync(path).isSymbolicLink());
    expect(links.length).toBeGreaterThan(0); // .output/server/node_modules has some (seroval -> .nitro/seroval@…)
    const inside = realpathSync(appDir) + sep;
    for (const link of links) {
      expect(readlinkSync(link), link).not.toMatch(/^\//); // relative, as COPY keeps them
      expect(existsSync(link), `${link} dangles`).toBe(true);
      expect(realpathSync(link).startsWith(inside), `${link} -> ${realpathSync(link)}`).toBe(true);
    }
    // The copy runs from a directory the source is not under, so module resolution cannot reach the checkout.
    expect(appDir.startsWith(ROOT)).toBe(false);
    for (let dir = dirname(appDir); dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, "node_modules")), dir).toBe(false);
  });

  it("serves /healthz, the UI and a proxied call from the copied output alone, as an unprivileged user", async () => {
    expect(output.join("")).toContain("Listening");
    const owner = execFileSync("ps", ["-o", "user=", "-p", String(server.pid)]).toString().trim();
    if (unprivileged.length) expect(owner).not.toBe("root");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('<div id="app">');
    const client = new GatewayClient(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
    expect((await client.enter({ phone: TEST_TAXPAYERS[0].msisdn })).status).toBe(303);
    expect((await client.submitOtp(OTP)).status).toBe(303);
    const sale = await client.api("POST", "/post-sale", { json: { total_amount: 5, items: [{ item_name: "Tea", taxable_amount: 5, quantity: 1 }] } });
    expect(sale.status).toBe(200);
    expect((await sale.json()).code).toBe(8);
  });

  it("its HEALTHCHECK command succeeds against the running server and fails when nothing listens", () => {
    const [command, ...args] = execForm("HEALTHCHECK");
    const run = (env: Record<string, string>) => {
      try {
        execFileSync(command === "node" ? process.execPath : command, args, { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 5000 });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(run({ PORT: String(port) })).toBe(0);
    expect(run({ PORT: "1" })).not.toBe(0);
  });
});

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedLink } from "../../server/utils/signed-link";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { GatewayClient } from "../support/client";
import { freePort, ROOT } from "../support/gateway";
import { OTP } from "../support/stack";
import { baseImageOf, ensureBaseImage, hostLimits, runCommand } from "./base-image";
import { loadManifests, only } from "./manifests";

// The image itself, built and run with podman as an operator would (README: The container): built with
// `--format docker` (podman's default OCI format drops the HEALTHCHECK), run read-only as the Deployment's
// uid with every capability dropped and the manifest's environment, against the simulated upstream.
// Without a registry (CI), the Containerfile's Node base image is a stand-in built from Debian's packages
// (./base-image.ts). Podman keeps the build's layers: a second run with the same lockfile reuses `npm ci`.

const hasPodman = spawnSync("sh", ["-c", "command -v podman"]).status === 0;
const CA_BUNDLE = [process.env.NODE_EXTRA_CA_CERTS, "/etc/ssl/certs/ca-certificates.crt"].find((path) => path && existsSync(path));
/** One tag per checkout: worktrees on one machine build in parallel without running each other's image. */
const IMAGE = `localhost/kra-gateway:test-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}`;
const NAME = `kra-gateway-test-${randomBytes(3).toString("hex")}`;
// With netavark, the bridge (and its address on the host) exists only while a container runs on it: this one
// holds it up from before the simulated upstream listens on that address until the end of the test.
const BRIDGE_KEEPER = `${NAME}-bridge`;

const containerfile = readFileSync(join(ROOT, "Containerfile"), "utf8");
const deployment = only(loadManifests(), "apps/v1/Deployment");
const podSpec = deployment.spec.template.spec;
const [manifestContainer] = podSpec.containers;
const runAsUser: number = manifestContainer.securityContext?.runAsUser ?? podSpec.securityContext.runAsUser;
const runAsGroup: number = manifestContainer.securityContext?.runAsGroup ?? podSpec.securityContext.runAsGroup ?? runAsUser;
const manifestEnv: Record<string, string> = Object.fromEntries(
  (manifestContainer.env ?? []).filter((e: any) => "value" in e).map((e: any) => [e.name, String(e.value)]),
);
const shutdownSeconds = Number(manifestEnv.NITRO_SHUTDOWN_TIMEOUT ?? 30_000) / 1000;
/** README: the stop timeout stays above NITRO_SHUTDOWN_TIMEOUT + 5 s. */
const STOP_TIMEOUT_SECONDS = shutdownSeconds + 10;

const podman = (args: string[], timeout = 120_000) =>
  execFileSync("podman", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout }).trim();
/** A podman command's exit status and output, for commands whose failure is the answer. */
const podmanStatus = (args: string[]) => {
  const run = spawnSync("podman", args, { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
};

const [ONE] = TEST_TAXPAYERS;
const secrets = { apiKey: randomBytes(16).toString("hex"), link: randomBytes(32).toString("base64url") };
let upstream: SimulatedUpstream;
let base: string;
let workDir: string;
let buildLog = "";
let imageConfig: any;

/** The README's build command (plus the CA bundle this host trusts, as behind a TLS-inspecting proxy). */
async function buildImage(): Promise<void> {
  const secret = CA_BUNDLE ? ["--secret", `id=ca-bundle,src=${CA_BUNDLE}`] : [];
  const started = Date.now();
  buildLog = await runCommand("podman", ["build", "--format", "docker", ...secret, "--tag", IMAGE, "--file", "Containerfile", "."], ROOT);
  console.log(`container test: image built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The bridge's address on the host: where the container reaches the simulated upstream. */
function bridgeGateway(): string {
  const [network] = JSON.parse(podman(["network", "inspect", "podman"]));
  const gateway = network.subnets?.[0]?.gateway;
  if (!gateway) throw new Error("podman's default network has no gateway address");
  return gateway;
}

/** The full environment, in an env file as the README runs it (mode 0600). */
function writeEnvFile(origin: string): string {
  const env = {
    ...manifestEnv,
    NITRO_PUBLIC_ORIGIN: origin,
    NITRO_IDENTITY_BASE_URL: upstream.identityBaseUrl, NITRO_UPSTREAM_BASE_URL: upstream.upstreamBaseUrl,
    NITRO_DOCUMENTS_BASE_URL: upstream.documentsBaseUrl,
    NITRO_UPSTREAM_API_KEY: secrets.apiKey, NITRO_ENTRY_LINK_SECRET: secrets.link,
    NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"), NITRO_ADMIN_TOKEN: randomBytes(32).toString("base64url"),
    // No NITRO_SESSION_STORAGE: one container keeps its sessions in memory (the manifest's Redis URL is a secret).
  };
  const file = join(workDir, "gateway.env");
  writeFileSync(file, Object.entries(env).map(([name, value]) => `${name}=${value}`).join("\n") + "\n", { mode: 0o600 });
  return file;
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await fetch(`${base}/healthz`).catch(() => undefined);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the container did not answer /healthz:\n${podmanStatus(["logs", NAME]).output}`);
}

/** Everything in a directory of the image, as paths relative to it. */
function listImage(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" }).map((entry) => join(dir, entry));
}

describe.runIf(hasPodman || process.env.CI)("the container image, built and run with podman", () => {
  beforeAll(async () => {
    if (!hasPodman) throw new Error("podman is missing: .ci/run installs it (apt-get install podman runc mmdebstrap …)");
    if (process.getuid?.() !== 0) throw new Error("this test runs podman as root, as in CI");
    workDir = mkdtempSync(join(tmpdir(), "kra-gateway-container-"));
    const baseImage = baseImageOf(containerfile);
    const started = Date.now();
    const done = await ensureBaseImage(baseImage);
    console.log(`container test: base image ${baseImage} ${done} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await buildImage();
    [imageConfig] = JSON.parse(podman(["image", "inspect", IMAGE]));
    podman(["run", "--detach", "--name", BRIDGE_KEEPER, ...hostLimits(), IMAGE, "node", "-e", "setInterval(() => {}, 1 << 30)"]);
    upstream = await startSimulatedUpstream({ host: bridgeGateway(), apiKey: secrets.apiKey, otp: OTP });
    const port = await freePort();
    base = `http://localhost:${port}`;
    podman(["run", "--detach", "--name", NAME,
      "--publish", `127.0.0.1:${port}:3000`,
      "--read-only", "--read-only-tmpfs=false", // the manifest mounts no writable volume, not even /tmp
      "--user", `${runAsUser}:${runAsGroup}`, "--cap-drop=ALL", "--security-opt=no-new-privileges",
      "--stop-timeout", String(STOP_TIMEOUT_SECONDS), ...hostLimits(),
      "--env-file", writeEnvFile(base), IMAGE]);
    await waitForHealth();
  }, 1_800_000);

  afterAll(async () => {
    if (hasPodman) podmanStatus(["rm", "--force", "--time", "0", NAME, BRIDGE_KEEPER]);
    await upstream?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("is built as the README says, with no lost HEALTHCHECK and no engine warning", () => {
    expect(buildLog).not.toMatch(/HEALTHCHECK is not supported/i);
    expect(buildLog).not.toMatch(/EBADENGINE/);
    const healthcheck = imageConfig.Config?.Healthcheck ?? imageConfig.Healthcheck;
    expect(healthcheck?.Test?.[0]).toBe("CMD");
    expect(healthcheck?.Test?.[1]).toBe("node");
    console.log(`container test: image size ${(imageConfig.Size / 1e6).toFixed(0)} MB`);
  });

  it("runs as the manifest's non-root uid, the base image's node user, with Node's own process as PID 1", () => {
    const user = String(imageConfig.Config.User ?? "");
    expect(user).toMatch(/^\d+(:\d+)?$/); // numeric: Kubernetes' runAsNonRoot can check it
    const [uid, gid] = user.split(":").map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(uid).toBe(runAsUser);
    expect(gid ?? uid).toBe(runAsGroup);
    const passwd = podman(["run", "--rm", ...hostLimits(), "--entrypoint", "getent", IMAGE, "passwd", String(uid)]);
    expect(passwd).toMatch(/^node:/);
    // The server is PID 1 (no entrypoint script), as the manifest's uid, with no effective capability.
    expect(podman(["top", NAME, "user", "pid", "capeff", "args"])).toMatch(/^node\s+1\s+none\s+node \.output\/server\/index\.mjs\s*$/m);
    expect(podman(["exec", NAME, "node", "-p", "`${process.getuid()}:${process.getgid()}`"])).toBe(`${runAsUser}:${runAsGroup}`);
    expect(imageConfig.Config.Entrypoint ?? []).toEqual([]);
  });

  it("holds only the build output in /app: no sources, tests, environment files or node_modules outside .output", () => {
    const root = podman(["image", "mount", IMAGE]);
    try {
      expect(readdirSync(join(root, "app"))).toEqual([".output"]);
      const files = listImage(root, "app");
      expect(files.filter((path) => /(^|\/)\.env($|\.)/.test(path))).toEqual([]);
      expect(files.filter((path) => /\/node_modules$/.test(path) && !path.startsWith("app/.output/"))).toEqual([]);
      expect(files.filter((path) => /\.(ts|tsx)$/.test(path) && !path.endsWith(".d.ts"))).toEqual([]);
      for (const source of ["server", "routes", "components", "tests", "package-lock.json", "Containerfile", ".git"]) {
        expect(existsSync(join(root, "app", source)), source).toBe(false);
      }
      expect(readFileSync(join(root, "etc/passwd"), "utf8")).toMatch(new RegExp(`^node:x:${runAsUser}:`, "m"));
    } finally {
      podmanStatus(["image", "unmount", IMAGE]);
    }
  });

  it("answers /healthz and /readyz, and a signed entry goes 303 to the OTP page", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const client = new GatewayClient(base, base);
    const link = Object.fromEntries(new URL(await createSignedLink({ secret: secrets.link, publicOrigin: base, phone: ONE.msisdn })).searchParams);
    const entry = await client.enter(link);
    expect(entry.status).toBe(303);
    const otpPage = await client.get(entry.headers.get("location")!.replace(base, ""));
    expect(otpPage.status).toBe(200);
    expect(await otpPage.text()).toContain('action="/session/otp"');
    expect((await client.submitOtp(OTP)).status).toBe(303);
    expect(upstream.receivedOn("/api/ussd/").length).toBeGreaterThan(0); // through the bridge to the upstream
  });

  it("is healthy by its own HEALTHCHECK (podman healthcheck run)", () => {
    expect(podmanStatus(["healthcheck", "run", NAME])).toEqual({ status: 0, output: expect.stringMatching(/^(healthy)?$/) });
  });

  it("podman stop lets a request in flight finish and exits 0 within the grace period, logging drain and exit", async () => {
    const client = new GatewayClient(base, base);
    const link = Object.fromEntries(new URL(await createSignedLink({ secret: secrets.link, publicOrigin: base, phone: ONE.msisdn })).searchParams);
    expect((await client.enter(link)).status).toBe(303);
    expect((await client.submitOtp(OTP)).status).toBe(303);
    upstream.clearReceived();
    upstream.addFault({ fault: { kind: "slow", delayMs: 3000 }, path: "/api/ussd/search/credit-note", times: 1 });
    const inFlight = client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } });
    const deadline = Date.now() + 10_000;
    while (upstream.receivedOn("/api/ussd/search/credit-note").length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(upstream.receivedOn("/api/ussd/search/credit-note")).toHaveLength(1);
    const started = Date.now();
    const stop = new Promise<number | null>((resolve) => spawn("podman", ["stop", NAME], { stdio: "ignore" }).once("exit", resolve));
    const response = await inFlight;
    expect(response.status).toBe(422); // the upstream's answer, not a cut connection
    expect((await response.json()).code).toBe(13);
    expect(await stop).toBe(0);
    const elapsed = (Date.now() - started) / 1000;
    expect(elapsed).toBeLessThan(STOP_TIMEOUT_SECONDS);
    expect(podman(["inspect", "--format", "{{.State.ExitCode}}", NAME])).toBe("0"); // not 137: no SIGKILL
    const lines = podman(["logs", NAME]).split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    const shutdown = lines.filter((line) => String(line.msg).startsWith("shutdown: ")).map((line) => [line.level, line.msg.split(";")[0]]);
    expect(shutdown).toEqual([["info", "shutdown: draining"], ["info", "shutdown: exiting"]]);
  });
});

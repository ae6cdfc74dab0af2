import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedLink } from "../../server/utils/signed-link";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "../upstream";
import { GatewayClient } from "../support/client";
import { collectLines, freePort, NODE_SERVER, ROOT } from "../support/gateway";
import { GENEROUS_RATE_LIMITS, OTP } from "../support/stack";
import { loadManifests, only } from "./manifests";

// What the Deployment's securityContext does to the process: the built Node server runs as the
// manifest's runAsUser with every mount read-only (readOnlyRootFilesystem) but a small tmpfs on /tmp
// (only if the manifest mounts an emptyDir there), with the manifest's plain environment, and serves a whole journey.
// A private mount namespace (unshare, as root: CI and the developers' machines) stands in for the pod.

const deployment = only(loadManifests(), "apps/v1/Deployment");
const podSpec = deployment.spec.template.spec;
const [container] = podSpec.containers;
const runAsUser: number = container.securityContext?.runAsUser ?? podSpec.securityContext.runAsUser;
const runAsGroup: number = container.securityContext?.runAsGroup ?? podSpec.securityContext.runAsGroup ?? runAsUser;
const tmpMounted = (container.volumeMounts ?? []).some((m: any) => m.mountPath === "/tmp");
const manifestEnv: Record<string, string> = Object.fromEntries(
  (container.env ?? []).filter((e: any) => "value" in e).map((e: any) => [e.name, String(e.value)]),
);

// Every mount but the kernel's own turns read-only; the script refuses to go on if the root is still writable.
const CONFINE = `set -e
awk '{print $5}' /proc/self/mountinfo | grep -Ev '^/(proc|sys|dev)(/|$)' | while read -r target; do
  mount -o remount,bind,ro "$target" 2>/dev/null || true
done
if [ "$TMPFS" = yes ]; then mount -t tmpfs -o size=16m,mode=1777 tmpfs /tmp; fi
if touch /.rw-probe "$SERVER_DIR/.rw-probe" 2>/dev/null; then rm -f /.rw-probe "$SERVER_DIR/.rw-probe"; echo "root filesystem still writable" >&2; exit 97; fi
exec setpriv --reuid="$RUN_UID" --regid="$RUN_GID" --clear-groups -- "$@"`;

const [ONE] = TEST_TAXPAYERS;
let imageDir: string;
let upstream: SimulatedUpstream;
let server: ChildProcess;
let base: string;
const output: string[] = [];
const secrets = { apiKey: randomBytes(16).toString("hex"), link: randomBytes(32).toString("base64url") };

/**
 * The build output as the image holds it (symlinks kept), in a directory the manifest's user can read:
 * a checkout may sit under a parent only root can enter. Under /var/tmp, since a /tmp tmpfs would hide it.
 */
function copyImage(): string {
  const dir = mkdtempSync("/var/tmp/kra-gateway-ro-");
  chmodSync(dir, 0o755);
  cpSync(join(ROOT, ".output"), join(dir, ".output"), { recursive: true, verbatimSymlinks: true });
  return join(dir, ".output/server/index.mjs");
}

function startConfined(env: Record<string, string>): Promise<void> {
  const entry = copyImage();
  imageDir = entry.replace(/\/\.output\/server\/index\.mjs$/, "");
  server = spawn("unshare", ["--mount", "--", "sh", "-c", CONFINE, "confine", process.execPath, entry], {
    env: { PATH: process.env.PATH ?? "", TMPFS: tmpMounted ? "yes" : "no", SERVER_DIR: entry.replace(/\/[^/]+$/, ""),
      RUN_UID: String(runAsUser), RUN_GID: String(runAsGroup), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output.join("\n")}`)), 20_000);
    const onLine = (line: string) => {
      output.push(line);
      if (/Listening on/.test(line)) resolve(clearTimeout(timer));
    };
    collectLines(server.stdout!, onLine);
    collectLines(server.stderr!, onLine);
    server.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output.join("\n")}`)));
  });
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("this test needs root (unshare --mount, setpriv), as in CI");
  if (!existsSync(NODE_SERVER)) throw new Error("no build output: run `npm run build` first");
  upstream = await startSimulatedUpstream({ apiKey: secrets.apiKey, otp: OTP });
  const port = await freePort();
  base = `http://localhost:${port}`;
  await startConfined({
    ...manifestEnv, ...GENEROUS_RATE_LIMITS,
    HOST: "127.0.0.1", PORT: String(port), NITRO_PUBLIC_ORIGIN: base,
    NITRO_IDENTITY_BASE_URL: upstream.identityBaseUrl, NITRO_UPSTREAM_BASE_URL: upstream.upstreamBaseUrl,
    NITRO_DOCUMENTS_BASE_URL: upstream.documentsBaseUrl,
    NITRO_SESSION_STORAGE: "redis://127.0.0.1:6379/0", NITRO_STORE_KEY_PREFIX: `ro-root-${randomBytes(3).toString("hex")}`,
    NITRO_UPSTREAM_API_KEY: secrets.apiKey, NITRO_ENTRY_LINK_SECRET: secrets.link,
    NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    // The manifest's admin listener, on loopback and a free port here (the test shares the host's network).
    NITRO_ADMIN_PORT: String(await freePort()), NITRO_ADMIN_HOST: "127.0.0.1", NITRO_ADMIN_TOKEN: randomBytes(32).toString("base64url"),
  });
}, 60_000);

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await upstream?.close();
  if (imageDir) rmSync(imageDir, { recursive: true, force: true });
});

describe("the Deployment's securityContext: read-only root, no writable path but a /tmp emptyDir if the manifest mounts one, non-root", () => {
  it("runs as the manifest's non-root user with the manifest's environment", () => {
    expect(runAsUser).toBeGreaterThan(0);
    expect(manifestEnv.NITRO_SHUTDOWN_TIMEOUT).toBeDefined(); // the manifest's own values are in use
  });

  it("serves the probes, the UI, a sign-in and a proxied call, writing no file", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const client = new GatewayClient(base, base);
    const link = Object.fromEntries(new URL(await createSignedLink({ secret: secrets.link, publicOrigin: base, phone: ONE.msisdn })).searchParams);
    expect((await client.enter(link)).status).toBe(303);
    expect((await client.submitOtp(OTP)).status).toBe(303);
    expect((await client.get("/")).status).toBe(200); // the UI, rendered on the server
    expect((await client.get("/sales-invoice")).status).toBe(200);
    const lookup = await client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } });
    expect(lookup.status).toBe(200);
    expect(output.filter((line) => /EROFS|EACCES|read-only file system|"level":"error"/i.test(line))).toEqual([]);
  });
});

// npm run dev: the UI (vinxi dev, DEV_UI_PORT or 3000) and the same server/
// handlers (nitropack dev, DEV_GATEWAY_PORT or 3001) with reload; vinxi's devProxy
// (app.config.ts) sends the gateway's paths (GATEWAY_PATH_PREFIXES) to Nitro. Without
// NITRO_IDENTITY_BASE_URL it also starts the simulated upstream and prints a signed
// entry link, like the demo.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { GATEWAY_PATH_PREFIXES } from "../shared/gateway-paths";
import { createSignedLink } from "../utils/signed-link";

const UI_PORT = Number(process.env.DEV_UI_PORT ?? 3000);
const DEV_GATEWAY_PORT = Number(process.env.DEV_GATEWAY_PORT ?? 3001);
const ORIGIN = `http://localhost:${UI_PORT}`;

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, NITRO_PUBLIC_ORIGIN: process.env.NITRO_PUBLIC_ORIGIN ?? ORIGIN };
  // Sessions are sealed with this key; a development run makes a fresh one unless one is given.
  env.NITRO_SESSION_ENCRYPTION_KEY ??= randomBytes(32).toString("base64url");
  let announce = async () => {};
  if (!env.NITRO_IDENTITY_BASE_URL) {
    const { startSimulatedUpstream, TEST_TAXPAYERS } = await import("../../tests/upstream");
    const apiKey = randomBytes(24).toString("base64url");
    const linkSecret = randomBytes(32).toString("base64url");
    const upstream = await startSimulatedUpstream({ apiKey });
    Object.assign(env, {
      NITRO_IDENTITY_BASE_URL: upstream.identityBaseUrl, NITRO_UPSTREAM_BASE_URL: upstream.upstreamBaseUrl,
      NITRO_DOCUMENTS_BASE_URL: upstream.documentsBaseUrl, NITRO_UPSTREAM_API_KEY: apiKey, NITRO_ENTRY_LINK_SECRET: linkSecret,
    });
    announce = async () => {
      const link = await createSignedLink({ secret: linkSecret, publicOrigin: ORIGIN, phone: TEST_TAXPAYERS[0].msisdn, ttlSeconds: 900 });
      console.log(`\nSimulated upstream: ${upstream.url}\nEntry link: ${link}\nOTP: ${upstream.otp}\n`);
    };
  }
  const children = [
    run("nitropack", ["dev", "server", "--port", String(DEV_GATEWAY_PORT)], env),
    run("vinxi", ["dev", "--port", String(UI_PORT)], env),
  ];
  console.log(`\nUI: ${ORIGIN} (${GATEWAY_PATH_PREFIXES.join(" ")} → :${DEV_GATEWAY_PORT})`);
  await announce();
  const stop = () => children.forEach((child) => child.kill("SIGTERM"));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  children.forEach((child) => child.once("exit", () => {
    stop();
    process.exit(0);
  }));
}

function run(command: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn("npx", [command, ...args], { env, stdio: "inherit" });
}

void main();

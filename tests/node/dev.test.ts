import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ROOT } from "../support/gateway";

// `npm run dev` must serve the UI and the same server/ handlers (vinxi dev + nitropack dev behind its proxy).
let dev: ChildProcess;
let uiPort: number;
const output: string[] = [];

async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return response;
    } catch {}
    if (Date.now() - started > timeoutMs) throw new Error(`dev server did not answer ${url}:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  uiPort = await freePort();
  const gatewayPort = await freePort();
  dev = spawn("npm", ["run", "dev"], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DEV_UI_PORT: String(uiPort), DEV_GATEWAY_PORT: String(gatewayPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev.stdout!.on("data", (chunk) => output.push(String(chunk)));
  dev.stderr!.on("data", (chunk) => output.push(String(chunk)));
  await waitFor(`http://localhost:${uiPort}/healthz`, 90_000);
}, 120_000);

afterAll(() => {
  if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
});

describe("npm run dev", () => {
  it("serves the gateway's handlers through the UI's port", async () => {
    const health = await fetch(`http://localhost:${uiPort}/healthz`);
    expect(await health.json()).toEqual({ status: "ok" });
    const session = await fetch(`http://localhost:${uiPort}/session`);
    expect(session.status).toBe(401);
    const api = await fetch(`http://localhost:${uiPort}/api/buyer-initiated/fetch`);
    expect((await api.json()).error).toBe("session_required");
  });

  it("renders the UI and prints a working entry link for the simulated upstream", async () => {
    const page = await fetch(`http://localhost:${uiPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    await waitFor(`http://localhost:${uiPort}/healthz`, 1000);
    const link = /Entry link: (\S+)/.exec(output.join(""))?.[1];
    expect(link).toBeTruthy();
    const fields = Object.fromEntries(new URL(link!).searchParams);
    const entry = await fetch(`http://localhost:${uiPort}/entry`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { origin: `http://localhost:${uiPort}`, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(entry.status).toBe(303);
    expect(entry.headers.get("location")).toBe("/otp");
  });
});

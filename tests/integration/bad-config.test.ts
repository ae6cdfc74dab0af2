import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, onNode, startGateway, type RunningGateway } from "../support/gateway";

// A bad configuration never serves: Node stops at start, workerd (which cannot exit) answers 503 to everything.
const BAD = {
  NITRO_IDENTITY_BASE_URL: "http://127.0.0.1:9/api/ussd",
  NITRO_UPSTREAM_BASE_URL: "http://127.0.0.1:9/api/ussd",
  NITRO_UPSTREAM_API_KEY: "Qv8-too-short",
  NITRO_ENTRY_LINK_SECRET: "Wm4-too-short-for-hmac",
};

describe.runIf(onNode)("a bad configuration on Node", () => {
  it("stops the process with exit code 1, naming the variables", async () => {
    const gateway = await startGateway({ env: { ...BAD, NITRO_PUBLIC_ORIGIN: "http://localhost:3000" }, expectExit: true });
    expect(gateway.process!.exitCode).toBe(1);
    const output = gateway.output.join("\n");
    for (const name of ["NITRO_UPSTREAM_API_KEY", "NITRO_ENTRY_LINK_SECRET"]) expect(output).toContain(name);
    for (const value of [BAD.NITRO_UPSTREAM_API_KEY, BAD.NITRO_ENTRY_LINK_SECRET]) expect(output).not.toContain(value);
    expect(output).not.toContain("Listening");
  });
});

describe.runIf(!onNode)("a bad configuration on workerd", () => {
  let gateway: RunningGateway;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    gateway = await startGateway({ env: { ...BAD, NITRO_PUBLIC_ORIGIN: origin }, port });
  });
  afterAll(() => gateway?.stop());

  it.each([
    ["GET", "/healthz"],
    ["GET", "/readyz"],
    ["GET", "/session"],
    ["POST", "/entry"],
    ["POST", "/session/otp"],
    ["POST", "/api/search/credit-note"],
    ["GET", "/api/buyer-initiated/fetch"],
    ["GET", "/nope"],
  ])("answers 503 to %s %s, with no detail of the configuration", async (method, path) => {
    const response = await fetch(gateway.url + path, {
      method,
      headers: { accept: "application/json", origin, "sec-fetch-site": "same-origin", "x-csrf": "1", "content-type": "application/json" },
      body: method === "POST" ? "{}" : undefined,
    });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toMatch(/NITRO_|Qv8|Wm4|127\.0\.0\.1/);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("logs the bad variables by name, never their values", () => {
    const output = gateway.output.join("\n");
    expect(output).toContain("NITRO_UPSTREAM_API_KEY");
    expect(output).not.toMatch(/Qv8|Wm4/);
  });
});

/** A configuration that is valid but for the admin listener's settings. */
async function goodEnv(origin: string): Promise<Record<string, string>> {
  const { randomBytes } = await import("node:crypto");
  return {
    NITRO_IDENTITY_BASE_URL: "http://127.0.0.1:9/api/ussd",
    NITRO_UPSTREAM_BASE_URL: "http://127.0.0.1:9/api/ussd",
    NITRO_UPSTREAM_API_KEY: randomBytes(16).toString("hex"),
    NITRO_ENTRY_LINK_SECRET: randomBytes(32).toString("hex"),
    NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NITRO_PUBLIC_ORIGIN: origin,
  };
}

describe.runIf(onNode)("the admin listener's settings on Node", () => {
  it.each([
    ["without a token", {}],
    ["with a token under 32 bytes", { NITRO_ADMIN_TOKEN: "Zq7-short-admin-token" }],
  ])("NITRO_ADMIN_PORT %s stops the process, naming NITRO_ADMIN_TOKEN", async (_case, extra: Record<string, string>) => {
    const env = { ...(await goodEnv("http://localhost:3000")), NITRO_ADMIN_PORT: String(await freePort()), ...extra };
    const gateway = await startGateway({ env, expectExit: true });
    expect(gateway.process!.exitCode).toBe(1);
    const output = gateway.output.join("\n");
    expect(output).toContain("NITRO_ADMIN_TOKEN");
    expect(output).not.toContain("Zq7");
    expect(output).not.toContain("Listening");
  });
});

describe.runIf(!onNode)("NITRO_ADMIN_PORT on workerd", () => {
  let gateway: RunningGateway;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    const env = { ...(await goodEnv(origin)), NITRO_ADMIN_PORT: "9464", NITRO_ADMIN_TOKEN: "Zq7-an-admin-token-of-at-least-32-bytes" };
    gateway = await startGateway({ env, port });
  });
  afterAll(() => gateway?.stop());

  it("is refused at start: every request answers 503 and the log names the variable", async () => {
    for (const path of ["/healthz", "/readyz", "/session", "/metrics"]) {
      const response = await fetch(gateway.url + path, { headers: { accept: "application/json" } });
      expect(response.status, path).toBe(503);
    }
    const output = gateway.output.join("\n");
    expect(output).toContain("NITRO_ADMIN_PORT");
    expect(output).not.toContain("Zq7");
  });
});

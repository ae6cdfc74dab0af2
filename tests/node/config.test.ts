import { describe, expect, it } from "vitest";
import { startNodeGateway as startGateway } from "../support/gateway";

const VALID = {
  NITRO_IDENTITY_BASE_URL: "http://127.0.0.1:9/api/ussd",
  NITRO_UPSTREAM_BASE_URL: "http://127.0.0.1:9/api/ussd",
  NITRO_UPSTREAM_API_KEY: "k".repeat(24),
  NITRO_PUBLIC_ORIGIN: "http://localhost:3000",
  NITRO_ENTRY_LINK_SECRET: "l".repeat(32),
  NITRO_SESSION_ENCRYPTION_KEY: "e".repeat(64),
};
const { NITRO_ENTRY_LINK_SECRET: _, ...UNSIGNED } = VALID;

async function exitOf(env: Record<string, string>) {
  const gateway = await startGateway({ env, expectExit: true });
  return { code: gateway.process!.exitCode, text: gateway.output.join("\n") };
}

describe("configuration is checked once, at start", () => {
  it("refuses to start without its endpoints and secret, naming every missing variable, without a stack trace", async () => {
    const { code, text } = await exitOf({});
    expect(code).not.toBe(0);
    for (const name of ["NITRO_IDENTITY_BASE_URL", "NITRO_UPSTREAM_BASE_URL", "NITRO_UPSTREAM_API_KEY", "NITRO_PUBLIC_ORIGIN", "NITRO_SESSION_ENCRYPTION_KEY"]) {
      expect(text).toContain(name);
    }
    expect(text).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);
    expect(text).not.toContain("Listening");
  });

  it("refuses weak and malformed values, one message naming each", async () => {
    const { code, text } = await exitOf({
      ...VALID,
      NITRO_UPSTREAM_API_KEY: "Kq7-rejected",
      NITRO_ENTRY_LINK_SECRET: "Zx9-rejected-link",
      NITRO_PUBLIC_ORIGIN: "http://whatsapp.kra.go.ke",
      NITRO_IDENTITY_MODE: "magic",
      NITRO_SESSION_STORAGE: "postgres://x",
    });
    expect(code).not.toBe(0);
    for (const name of ["NITRO_UPSTREAM_API_KEY", "NITRO_ENTRY_LINK_SECRET", "NITRO_PUBLIC_ORIGIN", "NITRO_IDENTITY_MODE", "NITRO_SESSION_STORAGE"]) {
      expect(text).toContain(name);
    }
    // Rejected secrets are still secrets: neither appears anywhere, whole or in part.
    for (const rejected of ["Kq7-rejected", "Zx9-rejected-link", "Kq7", "Zx9"]) expect(text).not.toContain(rejected);
  });

  it("refuses a store this runtime does not have (kv: on Node) like any bad value: exit 1, the variable named, no stack trace", async () => {
    const { code, text } = await exitOf({ ...VALID, NITRO_SESSION_STORAGE: "kv:SESSIONS" });
    expect(code).toBe(1);
    expect(text).toContain("NITRO_SESSION_STORAGE: kv:<BINDING> is only available on workerd");
    expect(text).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);
    expect(text).not.toContain("Listening");
  });

  it.each(["otp", "direct"])("refuses %s mode without a link secret, naming both variables, unless unsigned entry is explicitly allowed", async (mode) => {
    const refused = await exitOf({ ...UNSIGNED, NITRO_IDENTITY_MODE: mode });
    expect(refused.code).not.toBe(0);
    expect(refused.text).toContain("NITRO_ENTRY_LINK_SECRET");
    expect(refused.text).toContain("NITRO_ALLOW_UNSIGNED_ENTRY");
    expect(refused.text).not.toContain("Listening");
    const allowed = await startGateway({ env: { ...UNSIGNED, NITRO_IDENTITY_MODE: mode, NITRO_ALLOW_UNSIGNED_ENTRY: "true" } });
    try {
      expect((await fetch(`${allowed.url}/healthz`)).status).toBe(200);
      expect(allowed.output.join("\n")).toMatch(/unsigned entry/i);
    } finally {
      await allowed.stop();
    }
  });

  it.each([
    ["text instead of 32 encoded bytes", "NITRO_SESSION_ENCRYPTION_KEY", "a-passphrase-rather-than-a-random-key-000"],
    ["hex of 31 bytes", "NITRO_SESSION_ENCRYPTION_KEY", "ab".repeat(31)],
    ["a malformed previous key", "NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS", "zz".repeat(32)],
  ])("refuses %s as the session encryption key, naming the variable without echoing the value", async (_, name, value) => {
    const { code, text } = await exitOf({ ...VALID, [name]: value });
    expect(code).not.toBe(0);
    expect(text).toContain(`${name}:`);
    expect(text).toMatch(/32 random bytes/);
    expect(text).not.toContain(value);
  });

  it("accepts the encryption key as hex, base64url or padded base64", async () => {
    for (const key of ["0f".repeat(32), "A".repeat(42) + "E", "ab+/".repeat(10) + "abc="]) {
      const gateway = await startGateway({ env: { ...VALID, NITRO_SESSION_ENCRYPTION_KEY: key, NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS: "1".repeat(64) } });
      try {
        expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
      } finally {
        await gateway.stop();
      }
    }
  });

  it("never prints a secret it was given", async () => {
    const secret = "s3cr3t-api-key-value-0123456789";
    const gateway = await startGateway({ env: { ...VALID, NITRO_UPSTREAM_API_KEY: secret } });
    try {
      await fetch(`${gateway.url}/healthz`);
      await fetch(`${gateway.url}/readyz`);
    } finally {
      await gateway.stop();
    }
    expect(gateway.output.join("\n")).not.toContain(secret);
  });
});

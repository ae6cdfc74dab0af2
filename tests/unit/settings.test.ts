import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gatewayRuntimeDefaults, loadGatewayConfig, settingEnvNames, type SettingKey } from "../../server/utils/config";
import { ROOT } from "../support/gateway";

// The settings table (server/utils/config.ts) is the one declaration of every variable.
// Nitro overrides a runtimeConfig key from NITRO_ + the key in SNAKE_CASE, so the name the
// table reads and reports must be exactly that one, and the README documents each.
const nitroEnvName = (key: string) => `NITRO_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
const keys = Object.keys(settingEnvNames) as SettingKey[];
const readmeRows = new Map(
  [...readFileSync(join(ROOT, "README.md"), "utf8").matchAll(/^\| `(NITRO_[A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]),
);

describe("the settings table", () => {
  it("names each variable as Nitro does, so the variable read is the one Nitro overrides", () => {
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(settingEnvNames[key], key).toBe(nitroEnvName(key));
  });

  it("documents every variable in the README's configuration table, with the same default", () => {
    for (const key of keys) {
      const documented = readmeRows.get(settingEnvNames[key]);
      expect(documented, settingEnvNames[key]).toBeDefined();
      const fallback = gatewayRuntimeDefaults[key];
      if (fallback !== "") expect(documented, settingEnvNames[key]).toBe(`\`${fallback}\``);
    }
  });

  it("reports a bad value under the variable's name and never the value", () => {
    const problems = (() => {
      try {
        loadGatewayConfig({ NITRO_OTP_MAX_ATTEMPTS: "99", NITRO_SESSION_STORAGE: "ftp://secret-host" }, {});
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
      return [];
    })();
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^NITRO_OTP_MAX_ATTEMPTS: /),
      expect.stringMatching(/^NITRO_SESSION_STORAGE: /),
      expect.stringMatching(/^NITRO_UPSTREAM_API_KEY: required/),
    ]));
    expect(problems.join("\n")).not.toContain("secret-host");
  });
});

describe("NITRO_SESSION_STORAGE", () => {
  const required = {
    NITRO_IDENTITY_BASE_URL: "https://identity.example/api", NITRO_UPSTREAM_BASE_URL: "https://tax.example/api/ussd",
    NITRO_UPSTREAM_API_KEY: "k".repeat(32), NITRO_ENTRY_LINK_SECRET: "s".repeat(32),
    NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke", NITRO_SESSION_ENCRYPTION_KEY: "a".repeat(64),
  };
  const storageOf = (value: string) => loadGatewayConfig({ ...required, NITRO_SESSION_STORAGE: value }, {}).store.spec;

  it.each([
    "redis://127.0.0.1:6379/0", "rediss://:pw@cache.example:6380",
    "redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/mymaster", "rediss+sentinel://:p%40ss@s1:26379,s2:26379/gw/2",
    "redis+cluster://n1:6379,n2:6379,n3:6379", "rediss+cluster://:pw@[::1]:7000",
  ])("accepts %s as Redis", (value) => {
    expect(storageOf(value)).toEqual({ kind: "redis", url: value });
  });

  it.each([
    "redis+sentinel://10.0.0.1:26379", "redis+sentinel://10.0.0.1/mymaster", "redis+cluster://", "redis+cluster://n1",
    "redis+sentinel://a:1 b:2/m", "memcached://x:1",
  ])("refuses %s, naming the variable", (value) => {
    expect(() => storageOf(value)).toThrow(/NITRO_SESSION_STORAGE: must be memory/);
  });
});

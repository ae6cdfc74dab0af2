import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/gateway";

/** Every installed copy of a package, wherever npm put it. */
function installedVersions(name: string, dir = join(ROOT, "node_modules"), found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(".")) continue;
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (entry.startsWith("@")) installedVersions(name, path, found);
    else {
      const manifest = join(path, "package.json");
      if (entry === name || path.endsWith(`/${name}`)) {
        try {
          found.push(JSON.parse(readFileSync(manifest, "utf8")).version);
        } catch {}
      }
      try {
        if (statSync(join(path, "node_modules")).isDirectory()) installedVersions(name, join(path, "node_modules"), found);
      } catch {}
    }
  }
  return found;
}

const atLeast = (version: string, minimum: number[]) => {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (parts[i] !== minimum[i]) return parts[i] > minimum[i];
  return true;
};

describe("the installed dependency versions", () => {
  it("has no h3 older than 1.15.5 anywhere in the tree (CVE-2026-23527 request smuggling)", () => {
    const versions = installedVersions("h3");
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      expect(version.startsWith("1."), `h3 ${version} is not 1.x`).toBe(true);
      expect(atLeast(version, [1, 15, 5]), `h3 ${version} is vulnerable`).toBe(true);
    }
  });

  it("runs the fixed versions: SolidStart 1.3, vinxi 0.5, nitropack 2.13", () => {
    const version = (name: string) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
    expect(version("@solidjs/start")).toMatch(/^1\.3\./);
    expect(version("vinxi")).toMatch(/^0\.5\./);
    expect(version("nitropack")).toMatch(/^2\.13\./);
  });
});

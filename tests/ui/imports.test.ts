import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/gateway";

// The UI is a presentation layer: nothing it imports, directly or through other
// files, may be server-only code. Only server/shared/ (isomorphic) is allowed.
const UI_ROOTS = ["routes", "components", "app.tsx", "entry-client.tsx"];
const SERVER_ONLY_PACKAGES = /^(node:|h3$|nitropack|vinxi\/http|ioredis|undici|unstorage|ofetch|cookie-es|libphonenumber-js)/;
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((entry) => filesUnder(join(path, entry)));
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g)]
    .map((match) => match[1] ?? match[2] ?? match[3]);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return EXTENSIONS.map((extension) => base + extension).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function walk(): { file: string; specifier: string; resolved?: string }[] {
  const seen = new Set<string>();
  const edges: { file: string; specifier: string; resolved?: string }[] = [];
  const queue = UI_ROOTS.flatMap((root) => filesUnder(join(ROOT, root))).filter((file) => /\.(ts|tsx)$/.test(file));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      const resolved = specifier.startsWith(".") ? resolveLocal(file, specifier) : undefined;
      edges.push({ file: relative(ROOT, file), specifier, resolved: resolved && relative(ROOT, resolved) });
      if (resolved && /\.(ts|tsx)$/.test(resolved)) queue.push(resolved);
    }
  }
  return edges;
}

describe("the UI's imports", () => {
  const edges = walk();

  it("reach server code only through server/shared/", () => {
    const serverOnly = edges.filter((edge) => edge.resolved?.startsWith("server/") && !edge.resolved.startsWith("server/shared/"));
    expect(serverOnly).toEqual([]);
    expect(edges.some((edge) => edge.resolved?.startsWith("server/shared/"))).toBe(true);
  });

  it("use no server-only package", () => {
    expect(edges.filter((edge) => !edge.specifier.startsWith(".") && SERVER_ONLY_PACKAGES.test(edge.specifier))).toEqual([]);
  });

  it("resolve every relative import (the scan sees the whole graph)", () => {
    expect(edges.filter((edge) => edge.specifier.startsWith(".") && !edge.resolved && !edge.specifier.endsWith(".css"))).toEqual([]);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/gateway";

// The shape of server/: the runtime is a leaf under server/utils, and no module
// imports itself back through others (type-only imports count: a loop of types
// is still a loop to read). `#gateway-runtime` stands for both runtime modules.
const SERVER = join(ROOT, "server");
const RUNTIME = join(SERVER, "runtime");
const UTILS = join(SERVER, "utils");
const RUNTIME_MODULES = [join(RUNTIME, "node.ts"), join(RUNTIME, "workerd.ts")];
const EXTENSIONS = ["", ".ts", "/index.ts"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ts$/.test(entry) ? [path] : [];
  });
}

function specifiersOf(file: string): string[] {
  const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g)]
    .map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The server files one file imports: relative paths resolved, `#gateway-runtime` as both runtimes. */
function importsOf(file: string): string[] {
  return specifiersOf(file).flatMap((specifier) => {
    if (specifier === "#gateway-runtime") return RUNTIME_MODULES;
    if (!specifier.startsWith(".")) return [];
    const base = resolve(dirname(file), specifier);
    const found = EXTENSIONS.map((extension) => base + extension).find((path) => existsSync(path) && statSync(path).isFile());
    return found ? [found] : [];
  });
}

const files = filesUnder(SERVER);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(ROOT, file);

/** Every cycle found by a depth-first search, each as the path that closes it. */
function findCycles(): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map(name));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe("the structure of server/", () => {
  it("sees the server's files and their imports (the scan itself works)", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(graph.get(join(UTILS, "gateway.ts"))).toContain(join(UTILS, "config.ts"));
    expect(graph.get(join(UTILS, "crypto.ts"))).toEqual(expect.arrayContaining(RUNTIME_MODULES));
  });

  it("keeps server/runtime a leaf: nothing in it imports from server/utils", () => {
    const offending = files.filter((file) => file.startsWith(RUNTIME + "/"))
      .flatMap((file) => graph.get(file)!.filter((target) => target.startsWith(UTILS + "/")).map((target) => `${name(file)} → ${name(target)}`));
    expect(offending).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(findCycles()).toEqual([]);
  });
});

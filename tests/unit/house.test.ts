import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/gateway";

// The shape of server/: the arrows point one way, routes → features → utils/proxy → runtime,
// with server/shared beside them (everyone may read it; it reads only itself), and no module
// imports itself back through others (type-only imports count: a loop of types is still a
// loop to read). `#gateway-runtime` stands for both runtime modules.
const SERVER = join(ROOT, "server");
const RUNTIME = join(SERVER, "runtime");
const UTILS = join(SERVER, "utils");
const RUNTIME_MODULES = [join(RUNTIME, "node.ts"), join(RUNTIME, "workerd.ts")];
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules" || entry.startsWith(".")) return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(entry) ? [path] : [];
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

/**
 * Each server file's floor: the entry points (handlers, middleware, plugins, the error handler,
 * build and CLI tools) on top, then the use cases, then the helpers and the proxy's room, then
 * the runtime. An import may go down or stay level, never up. server/shared is apart.
 */
type Layer = "entry" | "features" | "helpers" | "runtime" | "shared";
const FLOORS: Record<Exclude<Layer, "shared">, number> = { entry: 3, features: 2, helpers: 1, runtime: 0 };
const HELPER_DIRS = ["utils", "proxy"];
const ENTRY_DIRS = ["api", "routes", "middleware", "plugins", "build", "cli"];

function layerOf(file: string): Layer | undefined {
  const [top] = relative(SERVER, file).split("/");
  if (top === "runtime" || top === "features" || top === "shared") return top;
  if (HELPER_DIRS.includes(top)) return "helpers";
  if (ENTRY_DIRS.includes(top) || /^(error|nitro\.config|types\.d)\.ts$/.test(top)) return "entry";
  return undefined;
}

/** Every import within server/ that breaks the rule `allowed(from, to)`, as "from → to". */
function arrowsBreaking(allowed: (from: Layer, to: Layer) => boolean): string[] {
  return files.flatMap((file) => graph.get(file)!
    .filter((target) => target.startsWith(SERVER + "/") && !allowed(layerOf(file)!, layerOf(target)!))
    .map((target) => `${name(file)} → ${name(target)}`));
}

const goesDownOrLevel = (from: Layer, to: Layer) =>
  to === "shared" ? true : from === "shared" ? false : FLOORS[to] <= FLOORS[from];

/** The UI's own modules (components/, routes/) and every relative import they make. */
const UI_ROOTS = ["components", "routes"].map((dir) => join(ROOT, dir));
const uiFiles = UI_ROOTS.flatMap(filesUnder);

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

  it("knows the floor of every server file", () => {
    expect(files.filter((file) => layerOf(file) === undefined).map(name)).toEqual([]);
    expect(layerOf(join(SERVER, "features", "entry.ts"))).toBe("features");
    expect(layerOf(join(SERVER, "proxy", "answer.ts"))).toBe("helpers");
  });

  it("points its arrows one way: routes → features → utils/proxy → runtime, never up", () => {
    expect(arrowsBreaking(goesDownOrLevel)).toEqual([]);
  });

  it("keeps the runtime below everything: it imports only the runtime and server/shared", () => {
    expect(arrowsBreaking((from, to) => from !== "runtime" || to === "runtime" || to === "shared")).toEqual([]);
  });

  it("never imports a feature from utils or the proxy", () => {
    expect(arrowsBreaking((from, to) => from !== "helpers" || to !== "features")).toEqual([]);
  });

  it("keeps server/shared to itself, so the UI can import it without server code", () => {
    expect(arrowsBreaking((from, to) => from !== "shared" || to === "shared")).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(findCycles()).toEqual([]);
  });
});

describe("the UI's imports", () => {
  it("reach only components/, routes/ and server/shared/ (and packages)", () => {
    expect(uiFiles.length).toBeGreaterThan(20);
    const allowed = [...UI_ROOTS, join(SERVER, "shared")].map((dir) => dir + "/");
    const offending = uiFiles.flatMap((file) => importsOf(file)
      .filter((target) => !allowed.some((dir) => target.startsWith(dir)))
      .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`));
    expect(offending).toEqual([]);
  });

  it("sees the UI's imports of server/shared (the scan itself works)", () => {
    expect(uiFiles.some((file) => importsOf(file).some((target) => target.startsWith(join(SERVER, "shared") + "/")))).toBe(true);
  });
});

// Summarises a V8 .cpuprofile (node --cpu-prof) by module group and by function: self time, and µs per request.
// npx tsx tests/bench/profile-summary.ts FILE.cpuprofile [--requests N] [--from µs --to µs] [--top 25] [--cpu-us-per-request U] [--by-samples]
// (--from/--to: V8 profile clock, i.e. CLOCK_MONOTONIC in µs, as process.hrtime.bigint() / 1000n.)
// Bundled frames are mapped back to their sources through the build's .map files, so h3 and
// server/utils/*.ts show as themselves. Native frames (no URL: JSON.parse, crypto bindings, writes)
// count towards the nearest caller that has one.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

export interface Row { name: string; selfMs: number; usPerRequest: number; share: number }
export interface ProfileSummary { sampledMs: number; idleMs: number; requests: number; cpuUsPerRequest?: number; groups: Row[]; functions: Row[] }

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const H3_NITRO = new Set(["nitropack", "h3", "radix3", "ufo", "destr", "defu", "hookable", "cookie-es"]);
const LOGGING_FILES = /server\/utils\/(request-)?log\.ts$/;

interface Frame { module: string; group: string; label: string }

/**
 * Self time per node within [from, to] (profile clock, µs); each sample owns the interval up to the next one,
 * or, `bySamples`, the mean interval: on a busy host a gap while the thread waited for a core is otherwise
 * charged to the one sample before it, and a small function's row swings by several times between runs.
 */
function selfTimes(profile: CpuProfile, from = -Infinity, to = Infinity, bySamples = false): Map<number, number> {
  const self = new Map<number, number>();
  const mean = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / Math.max(profile.samples.length, 1);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const interval = bySamples ? mean : (profile.timeDeltas[i + 1] ?? 0);
    if (at < from || at > to) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + interval);
  }
  return self;
}

const maps = new Map<string, SourceMap | null>();
function sourceMapFor(path: string): SourceMap | null {
  if (!maps.has(path)) {
    const mapPath = `${path}.map`;
    maps.set(path, existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, "utf8"))) : null);
  }
  return maps.get(path)!;
}

interface Place { module: string; line: number }

/** The original source (path relative to the repository, 1-based line) of a bundled frame, or its own place. */
function originalPlace(frame: CallFrame): Place {
  const path = frame.url.startsWith("file://") ? fileURLToPath(frame.url) : frame.url;
  const entry = sourceMapFor(path)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  if (!entry?.originalSource) return { module: relative(ROOT, path), line: frame.lineNumber + 1 };
  return { module: relative(ROOT, resolve(dirname(path), entry.originalSource.replace(/^file:\/\//, ""))), line: (entry.originalLine ?? 0) + 1 };
}

/** `node_modules/h3/dist/index.mjs` → h3; `server/utils/proxy.ts` stays as is; node: modules as named. */
function placeOf(frame: CallFrame): Place {
  if (frame.url.startsWith("node:")) return { module: frame.url, line: frame.lineNumber + 1 };
  const place = originalPlace(frame);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)(?!.*node_modules)/.exec(place.module);
  return pkg ? { module: pkg[1], line: place.line } : place;
}

function groupOf(module: string, underLogging: boolean): string {
  if (H3_NITRO.has(module)) return `h3/nitro (${module})`;
  if (/^(server|routes)\//.test(module)) return `ours: ${module}`;
  if (module.startsWith("node:internal/crypto") || module === "node:crypto") return "crypto (node)";
  if (module.startsWith("node:") && underLogging) return "logging (node write path)";
  if (module.includes("undici")) return "undici";
  if (module.startsWith("node:")) return nodeGroup(module);
  return module || "(unknown)";
}

function nodeGroup(module: string): string {
  if (/modules\/|bootstrap|vm$/.test(module)) return "node module loading";
  if (/internal\/url|querystring/.test(module)) return "node URL parsing";
  if (/_http_|internal\/http/.test(module)) return "node http";
  if (/net|stream|dns|tcp/.test(module)) return "node net/streams";
  if (/timers|async_hooks|process\/task_queues/.test(module)) return "node timers/microtasks";
  return "node other";
}

const SPECIAL = new Map([["(garbage collector)", "GC"], ["(program)", "V8/native (program)"], ["(root)", "(root)"]]);

/** Module, group and label of every node; native frames inherit their caller's module. */
function classify(profile: CpuProfile): Map<number, Frame> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map<number, Frame>();
  const visit = (id: number, inherited: string, underLogging: boolean) => {
    const { callFrame } = byId.get(id)!;
    const special = SPECIAL.get(callFrame.functionName);
    const own = special || !callFrame.url || callFrame.url.startsWith("wasm:") ? undefined : placeOf(callFrame);
    const module = special ? "" : own?.module ?? inherited;
    const logging = underLogging || LOGGING_FILES.test(module);
    const socketWrite = !own && module === "node:internal/stream_base_commons" && !logging;
    const group = special ?? (socketWrite ? "socket writes (syscalls)" : LOGGING_FILES.test(module) ? `logging: ${module}` : groupOf(module, logging));
    const where = own ? `${module}:${own.line}` : `native, in ${module || "?"}`;
    frames.set(id, { module, group, label: `${callFrame.functionName || "(anonymous)"} (${where})` });
    for (const child of byId.get(id)!.children ?? []) visit(child, module, logging);
  };
  visit(profile.nodes[0].id, "", false);
  return frames;
}

interface Options { requests: number; from?: number; to?: number; top?: number; cpuUsPerRequest?: number; bySamples?: boolean }

/**
 * Samples are wall-clock: on a busy machine a thread waiting for a core is charged to whatever it runs next
 * (often a socket write). Given the CPU µs per request measured from /proc for the same run, each row's share
 * of the busy samples is scaled to it; without, µs per request is sampled time ÷ requests.
 */
function rows(totals: Map<string, number>, busyUs: number, options: Options, top: number): Row[] {
  const perRequest = (us: number) => (options.cpuUsPerRequest ? (us / busyUs) * options.cpuUsPerRequest : us / Math.max(options.requests, 1));
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, usPerRequest: perRequest(us), share: us / busyUs }));
}

export function summariseProfile(profile: CpuProfile, options: Options): ProfileSummary {
  const self = selfTimes(profile, options.from, options.to, options.bySamples);
  const frames = classify(profile);
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (const [id, us] of self) {
    const frame = frames.get(id)!;
    if (frame.label.startsWith("(idle)")) {
      idle += us;
      continue;
    }
    busy += us;
    groups.set(frame.group, (groups.get(frame.group) ?? 0) + us);
    functions.set(frame.label, (functions.get(frame.label) ?? 0) + us);
  }
  return {
    sampledMs: (busy + idle) / 1000, idleMs: idle / 1000, requests: options.requests, cpuUsPerRequest: options.cpuUsPerRequest,
    groups: rows(groups, busy, options, Infinity), functions: rows(functions, busy, options, options.top ?? 25),
  };
}

export function summaryMarkdown(summary: ProfileSummary, tables: ("groups" | "functions")[] = ["groups", "functions"]): string {
  const table = (title: string, list: Row[]) => [
    `| ${title} | sampled ms | share of busy | µs / request |`, "|---|---|---|---|",
    ...list.map((row) => `| ${row.name.replaceAll("|", "\\|")} | ${row.selfMs.toFixed(0)} | ${(row.share * 100).toFixed(1)} % | ${row.usPerRequest.toFixed(1)} |`),
  ].join("\n");
  const busyMs = summary.sampledMs - summary.idleMs;
  const scale = summary.cpuUsPerRequest
    ? `µs / request = share × the ${summary.cpuUsPerRequest.toFixed(0)} µs of CPU per request measured from /proc in the same run.`
    : "µs / request = sampled ms ÷ requests (wall-clock samples; inflated on a busy machine).";
  return [
    `Sampled ${summary.sampledMs.toFixed(0)} ms of the main thread (${summary.idleMs.toFixed(0)} ms idle; ` +
      `${((busyMs * 1000) / Math.max(summary.requests, 1)).toFixed(0)} µs busy per request) over ${summary.requests} requests. ${scale}`,
    "", ...tables.flatMap((name) => [table(name === "groups" ? "group (self time)" : "function (self time)", summary[name]), ""]),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: "string", default: "0" }, from: { type: "string" }, to: { type: "string" },
      top: { type: "string", default: "25" }, "cpu-us-per-request": { type: "string" },
      "by-samples": { type: "boolean", default: false },
    },
  });
  if (!positionals[0]) throw new Error("usage: profile-summary.ts FILE.cpuprofile [--requests N] [--from µs --to µs] [--top N] [--cpu-us-per-request U] [--by-samples]");
  const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as CpuProfile;
  const window = { from: values.from ? Number(values.from) : undefined, to: values.to ? Number(values.to) : undefined };
  const cpuUsPerRequest = values["cpu-us-per-request"] ? Number(values["cpu-us-per-request"]) : undefined;
  process.stdout.write(summaryMarkdown(summariseProfile(profile, { requests: Number(values.requests), top: Number(values.top), cpuUsPerRequest, bySamples: values["by-samples"], ...window })));
}

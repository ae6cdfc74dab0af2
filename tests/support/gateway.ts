import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const NODE_SERVER = `${ROOT}.output/server/index.mjs`;

export interface RunningGateway {
  url: string;
  port: number;
  /** Every line the server printed (stdout and stderr), for leak checks and log assertions. */
  output: string[];
  logLines(): Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** The server process (Node runtime only). */
  process?: ChildProcess;
  /** Every key and value of the session KV namespace, as stored (workerd only: Node's memory store has no outside view). */
  storedItems?(): Promise<{ keys: string[]; values: string[] }>;
}

export interface StartOptions {
  env: Record<string, string>;
  port?: number;
  /** Resolve as soon as the process exits (for config-failure tests) instead of waiting to listen. */
  expectExit?: boolean;
  timeoutMs?: number;
  /** Node's own flags before the server (Node runtime only), e.g. `--trace-gc-nvp`. */
  nodeArgs?: string[];
}

export type GatewayRuntime = "node" | "workerd";
/** The suite's runtime: `GATEWAY_RUNTIME=workerd` runs the same tests against the workerd build. */
export const RUNTIME: GatewayRuntime = process.env.GATEWAY_RUNTIME === "workerd" ? "workerd" : "node";
export const onNode = RUNTIME === "node";

/** Starts the built gateway for the suite's runtime with only the given environment. */
export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  if (RUNTIME === "workerd") {
    const { startWorkerdGateway } = await import("./workerd");
    return startWorkerdGateway(options);
  }
  return startNodeGateway(options);
}

/** Starts the built node-server output (`npm run build` first) with only the given environment. */
export function startNodeGateway(options: StartOptions): Promise<RunningGateway> {
  if (!existsSync(NODE_SERVER)) throw new Error("no build output: run `npm run build` first");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), NODE_SERVER], {
    env: { PATH: process.env.PATH ?? "", PORT: String(options.port ?? 0), HOST: "127.0.0.1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return waitForListening(child, options);
}

function waitForListening(child: ChildProcess, options: StartOptions): Promise<RunningGateway> {
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output.join("\n")}`)), options.timeoutMs ?? 15_000);
    const onLine = (line: string) => {
      output.push(line);
      const match = /Listening on https?:\/\/[^\s]*:(\d+)/.exec(line);
      if (match && !options.expectExit) {
        clearTimeout(timer);
        resolve(toRunningGateway(child, Number(match[1]), output));
      }
    };
    collectLines(child.stdout!, onLine);
    collectLines(child.stderr!, onLine);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (options.expectExit) resolve(toRunningGateway(child, 0, output, code));
      else reject(new Error(`gateway exited with ${code}:\n${output.join("\n")}`));
    });
  });
}

export function collectLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => buffered && onLine(buffered));
}

/** The handle a test holds on a started (or already exited) gateway process. */
function toRunningGateway(child: ChildProcess, port: number, output: string[], exitCode?: number | null): RunningGateway {
  return {
    url: `http://localhost:${port}`,
    port,
    output,
    process: child,
    logLines: () => output.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line)),
    stop: (signal = "SIGTERM") => stopProcess(child, signal, exitCode),
  };
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals, knownExit?: number | null): Promise<number | null> {
  if (child.exitCode !== null || knownExit !== undefined) return Promise.resolve(child.exitCode ?? knownExit ?? null);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", (code) => {
      clearTimeout(force);
      resolve(code);
    });
    child.kill(signal);
  });
}

/** A port that was free a moment ago (the gateway's public origin must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./gateway";

/** Every gateway route, read from server/routes: `a/b.post.ts` → `POST /a/b`, `index.get.ts` names its folder. */
export function gatewayRoutes(): string[] {
  const base = join(ROOT, "server/routes");
  return readdirSync(base, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).map((file) => {
    const [, path, method] = /^(.*)\.(get|post|put|patch|delete)\.ts$/.exec(file)!;
    return `${method.toUpperCase()} /${path.replace(/(^|\/)index$/, "")}`;
  });
}

/** A public path for a proxy rule: each `:param` filled with a value its pattern accepts. */
export function samplePath(path: string): string {
  const samples: Record<string, string> = { invoice: "INV0001", key: "abcdef123456" };
  return path.replace(/:([a-z]+)/g, (_, name: string) => samples[name] ?? "X");
}

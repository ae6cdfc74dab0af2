import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_ROUTES } from "../../server/utils/metrics";
import { ROOT } from "../support/gateway";

/** `server/routes/session/pin/retrieve.post.ts` → `/session/pin/retrieve`; `index.get.ts` → its folder. */
function routePaths(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return routePaths(path);
    const route = `/${relative(join(ROOT, "server/routes"), path)}`.replace(/\.(get|post)\.ts$/, "").replace(/\/index$/, "");
    return [route];
  });
}

describe("the metrics' route label", () => {
  it("names every gateway route file by its own path (bounded labels, none lumped into gateway.other)", () => {
    const routes = routePaths(join(ROOT, "server/routes"));
    expect(routes).toContain("/session/whatsapp/send");
    expect(routes.filter((route) => !GATEWAY_ROUTES.has(route))).toEqual([]);
  });
});

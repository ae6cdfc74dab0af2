import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isGatewayPath } from "../../server/shared/gateway-paths";
import { ROOT } from "../support/gateway";

// GATEWAY_PATH_PREFIXES decides which policy a response gets (API or page CSP) and what the
// dev proxy sends to Nitro: it must cover every server/ handler and no UI page.

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `server/routes/session/otp.post.ts` → `/session/otp`; `routes/buyer-initiated/[ref].tsx` → `/buyer-initiated/x`. */
function urlPaths(dir: string, prefix = ""): string[] {
  return filesUnder(join(ROOT, dir)).map((file) => relative(join(ROOT, dir), file)
    .replace(/\.(get|post)?\.?tsx?$/, "")
    .replace(/(^|\/)index$/, "")
    .replace(/\[\.\.\.\w+\]/, "any/thing")
    .replace(/\[\w+\]/, "x"))
    .map((path) => `${prefix}/${path}`.replace(/\/$/, "") || "/");
}

describe("the gateway's path prefixes", () => {
  it("cover every server/ handler, with or without a query", () => {
    const handlers = [...urlPaths("server/routes"), ...urlPaths("server/api", "/api")];
    expect(handlers).toContain("/session/otp/resend");
    expect(handlers.filter((path) => !isGatewayPath(path) || !isGatewayPath(`${path}?a=1`))).toEqual([]);
  });

  it("leave every UI page to the UI, /session-ended included", () => {
    const pages = urlPaths("routes");
    expect(pages).toContain("/session-ended");
    expect(pages.filter((path) => isGatewayPath(path) || isGatewayPath(`${path}?a=1`))).toEqual([]);
  });

  it("match whole segments only", () => {
    expect(["/apix", "/api", "/entryway", "/sessions", "/healthzz", "/_build/app.js"].filter(isGatewayPath)).toEqual([]);
  });
});

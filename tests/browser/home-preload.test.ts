import { readFileSync } from "node:fs";
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { ROOT } from "../support/gateway";
import { newPhone, signInThroughChat, useBrowserStack } from "./support";

// What home preloads once idle (components/lib/preload-links.ts, issue 22): a first visit's data on a slow
// phone, and a tap meanwhile must not wait behind it. Before: every visible link's page, one after another,
// 21 scripts and 54.9 KB as sent (mostly the eTIMS pages' zod), and the queue went on after a tap; now 5, 8.9 KB.
const [ONE] = TEST_TAXPAYERS;
const KB = 1024;
/** The returns page's code, the checkers' and the PIN page's: what home may preload, with some headroom. */
const PRELOAD_BUDGET = { requests: 8, bytes: 12 * KB };
const env = useBrowserStack();

/** A route's page chunk and every chunk it imports, as built (vite's manifest). */
const MANIFEST = JSON.parse(readFileSync(`${ROOT}.output/public/_build/.vite/manifest.json`, "utf8")) as Record<string, { file: string; imports?: string[] }>;
function routeChunks(route: string): { page: string; all: Set<string> } {
  const key = Object.keys(MANIFEST).find((name) => name.startsWith(`routes/${route}.tsx`));
  if (!key) throw new Error(`no route ${route}`);
  const all = new Set<string>();
  const add = (name: string) => {
    if (all.has(`/_build/${MANIFEST[name].file}`)) return;
    all.add(`/_build/${MANIFEST[name].file}`);
    MANIFEST[name].imports?.forEach(add);
  };
  add(key);
  return { page: `/_build/${MANIFEST[key].file}`, all };
}

const scriptPath = (request: Request) => new URL(request.url()).pathname;
const isScript = (request: Request, origin: string) => request.url().startsWith(`${origin}/_build/`) && scriptPath(request).endsWith(".js");

/**
 * Signed in, then home opened afresh, as on a first visit (no HTTP cache), `watch` seeing its requests from there;
 * its own scripts (those its HTML names) are returned.
 */
async function openHome(page: Page, watch: (request: Request) => void, hold: (path: string) => Promise<void> = async () => undefined): Promise<Set<string>> {
  await signInThroughChat(page, env.stack, ONE.msisdn);
  await page.route("**/_build/**/*.js", async (route) => {
    await hold(new URL(route.request().url()).pathname);
    await route.continue().catch(() => {});
  });
  page.on("request", watch);
  const response = await page.goto(`${env.stack.origin}/`);
  const html = (await response?.text()) ?? "";
  return new Set([...html.matchAll(/(?:src|href)="(\/_build\/[^"]+\.js)"/g)].map((m) => m[1]));
}

describe("home, once idle (issue 22)", () => {
  it("preloads only the pages most taps go to: at most 8 scripts and 12 KB, no eTIMS page and no zod", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    const asked: Request[] = [];
    const own = await openHome(page, (request) => isScript(request, env.stack.origin) && asked.push(request));
    await page.getByText(/^Hello, /).waitFor();
    await page.waitForLoadState("networkidle");
    // Home's own later script (the session warning) counts too: all it fetches once idle. Each script once: the
    // routing below turns the HTTP cache off, and Chromium then sometimes fetches a module twice (its modulepreload
    // link's fetch and the import's); a phone gets the second from its cache (assets are immutable for a year).
    const firstAsks = asked.filter((request, index) => asked.findIndex((other) => scriptPath(other) === scriptPath(request)) === index);
    const preloaded = firstAsks.filter((request) => !own.has(scriptPath(request)));
    // A request the browser dropped (a module asked for twice at once) brought nothing.
    const sizes = await Promise.all(preloaded.map(async (request) => {
      const sent = await request.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
      return sent.responseBodySize + sent.responseHeadersSize;
    }));
    const bytes = sizes.reduce((sum, size) => sum + size, 0);
    const dropped = preloaded.filter((request) => request.failure()).map(scriptPath);
    console.log(`home preloaded (dropped: ${dropped.join(" ") || "none"}) ${preloaded.length} scripts, ${(bytes / KB).toFixed(1)} KB: ${preloaded.map((request) => scriptPath(request).replace(/-[\w-]{8}\.js$/, "")).join(" ")}`);
    const etims = ["sales-invoice", "buyer-initiated/index", "credit-note"].map((route) => routeChunks(route).page);
    expect(preloaded.map(scriptPath)).toContain(routeChunks("returns/index").page);
    expect(preloaded.map(scriptPath).filter((path) => etims.includes(path) || /\/schemas-/.test(path))).toEqual([]);
    expect(preloaded.length).toBeLessThanOrEqual(PRELOAD_BUDGET.requests);
    expect(bytes).toBeLessThanOrEqual(PRELOAD_BUDGET.bytes);
    await context.close();
  }, 90_000);

  it("stops the queue at a tap: the tapped page's scripts are the only new ones, even once the preload in flight arrives", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    // Tall enough that every link is in view: the queue holds the returns page, the checkers' and the PIN page.
    await page.setViewportSize({ width: 360, height: 2000 });
    const returns = routeChunks("returns/index");
    const tcc = routeChunks("tcc");
    const later = [routeChunks("checkers/index").page, routeChunks("my-pin").page];
    let releaseReturns!: () => void;
    let releaseTcc!: () => void;
    const returnsHeld = new Promise<void>((resolve) => (releaseReturns = resolve));
    const tccHeld = new Promise<void>((resolve) => (releaseTcc = resolve));
    const asked: string[] = [];
    // The returns page's own chunk (the queue's first) and the tapped page's are held until released.
    await openHome(page, (request) => isScript(request, env.stack.origin) && asked.push(scriptPath(request)), (path) => (path === returns.page ? returnsHeld : path === tcc.page ? tccHeld : Promise.resolve()));
    await expect.poll(() => asked.includes(returns.page), { timeout: 20_000 }).toBe(true);
    const before = asked.length;
    await page.locator('a[href="/tcc"]').click();
    await expect.poll(() => asked.slice(before).includes(tcc.page), { timeout: 20_000 }).toBe(true);
    const arrived = page.waitForEvent("requestfinished", (request) => scriptPath(request) === returns.page);
    releaseReturns();
    await arrived;
    // Time for the queue to ask for its next page, had it not stopped.
    await page.waitForTimeout(1000);
    const afterTap = asked.slice(before);
    console.log(`after the tap: ${afterTap.map((path) => path.replace(/-[\w-]{8}\.js$/, "")).join(" ")}`);
    expect(afterTap.filter((path) => !tcc.all.has(path) && !returns.all.has(path))).toEqual([]);
    expect(afterTap.filter((path) => later.includes(path))).toEqual([]);
    releaseTcc();
    await page.waitForURL(`${env.stack.origin}/tcc`);
    await page.locator("main h2").waitFor();
    await context.close();
  }, 90_000);
});

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { ROOT } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// Budgets for a cheap phone on slow mobile data, read from the build output itself.
const JS_BUDGET = 35 * 1024;
const CSS_BUDGET = 10 * 1024;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const gzipped = (path: string) => gzipSync(readFileSync(`${ROOT}.output/public${path}`), { level: 9 }).length;

/** The scripts (entry and module preloads) and stylesheets a page's HTML makes the browser load. */
function assetsOf(html: string) {
  const scripts = new Set([...html.matchAll(/<script[^>]+src="(\/_build\/[^"]+\.js)"/g), ...html.matchAll(/<link[^>]+href="(\/_build\/[^"]+\.js)"[^>]*rel="modulepreload"/g)].map((m) => m[1]));
  const styles = new Set([...html.matchAll(/<link[^>]+href="(\/_build\/[^"]+\.css)"/g)].map((m) => m[1]));
  return { scripts: [...scripts], styles: [...styles] };
}

describe("what the first page loads", () => {
  it.each([
    ["the WhatsApp link's landing page", async () => `/?${new URLSearchParams(await stack.signedLink(TEST_TAXPAYERS[0].msisdn))}`],
    ["the OTP page", async () => "/otp"],
    ["the home page", async () => "/"],
  ])("%s stays within 35 KB of JavaScript and 10 KB of CSS, gzipped", async (_, path) => {
    const client = await stack.signIn(TEST_TAXPAYERS[0].msisdn);
    const html = await (await client.get(await path())).text();
    const { scripts, styles } = assetsOf(html);
    expect(scripts.length).toBeGreaterThan(0);
    const js = scripts.reduce((sum, script) => sum + gzipped(script), 0);
    const css = styles.reduce((sum, style) => sum + gzipped(style), 0);
    console.log(`${await path()}: ${(js / 1024).toFixed(1)} KB JS, ${(css / 1024).toFixed(1)} KB CSS (gzip)`);
    expect(js).toBeLessThanOrEqual(JS_BUDGET);
    expect(css).toBeLessThanOrEqual(CSS_BUDGET);
    expect(html).not.toMatch(/fonts\.googleapis|@font-face|\.woff2?/);
  });
});

import { createServer, type Server } from "node:http";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { containsText, newPhone, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Login CSRF: a hostile page on another site sends a signed-in browser to
// another taxpayer's valid link. The landing page must not switch sessions by
// itself: it asks, and nothing changes until the user taps.
const [ONE, TWO] = TEST_TAXPAYERS;
const env = useBrowserStack();

/** A page on 127.0.0.1 (another site) whose script sends the browser to `link`. */
function serveHostilePage(link: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><title>Win a prize</title><script>location = ${JSON.stringify(link)};</script>`;
  const server: Server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
  }));
}

async function sendThroughHostilePage(page: Page, msisdn: string): Promise<void> {
  const hostile = await serveHostilePage(`${env.stack.origin}/?${new URLSearchParams(await env.stack.signedLink(msisdn))}`);
  try {
    await page.goto(hostile.url);
    await page.waitForURL((url) => url.origin === env.stack.origin);
  } finally {
    await hostile.close();
  }
}

const sessionOf = (page: Page) => page.evaluate(() => fetch("/session").then((r) => (r.ok ? r.json() : r.status)));
const initCallsFor = (msisdn: string) => env.stack.upstream.receivedOn("/api/ussd/init").filter((r) => r.body.includes(msisdn)).length;

describe("a signed-in taxpayer sent to another number's link by a hostile page", () => {
  it("is asked before anything changes; staying keeps the first session working; continuing switches", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);

    await sendThroughHostilePage(page, TWO.msisdn);
    await containsText(page.locator("main"), "You are signed in as 2547******01. Continue as 2547******02?");
    await screenshot(page, "switch-confirm");
    await page.waitForTimeout(500);
    expect(await sessionOf(page)).toMatchObject({ msisdn: "2547******01", state: "active", name: ONE.name });
    expect(initCallsFor(TWO.msisdn)).toBe(0);
    expect(new URL(page.url()).search).toBe("");

    await page.getByRole("button", { name: "Stay as 2547******01" }).click();
    await page.waitForURL(`${env.stack.origin}/`);
    await visible(page.locator(".services"));
    await containsText(page.locator("main"), ONE.name);

    await sendThroughHostilePage(page, TWO.msisdn);
    await page.getByRole("button", { name: "Continue as 2547******02" }).click();
    await page.waitForURL(`${env.stack.origin}/otp`);
    expect(await sessionOf(page)).toMatchObject({ msisdn: "2547******02", state: "pending_otp" });
    await context.close();
  }, 90_000);

  it("asks too when the other number looks the same masked (2547******01 twice): the server, not the mask, decides", async () => {
    const lookalike = `${ONE.msisdn.slice(0, 4)}99999${ONE.msisdn.slice(-3)}`;
    expect(lookalike).not.toBe(ONE.msisdn);
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    await sendThroughHostilePage(page, lookalike);
    await containsText(page.locator("main"), "You are signed in as 2547******01. Continue as 2547******01?");
    expect(await sessionOf(page)).toMatchObject({ msisdn: "2547******01", state: "active", name: ONE.name });
    expect(initCallsFor(lookalike)).toBe(0);
    await context.close();
  }, 90_000);

  it("a link for the number already signed in goes straight on to the home page, with no new entry", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    const [before] = (await context.cookies()).filter((cookie) => cookie.name === "__Host-session");
    env.stack.upstream.clearReceived();
    await sendThroughHostilePage(page, ONE.msisdn);
    await page.waitForURL(`${env.stack.origin}/`);
    await visible(page.locator(".services"));
    expect(env.stack.upstream.receivedOn("/api/ussd/")).toEqual([]);
    const [after] = (await context.cookies()).filter((cookie) => cookie.name === "__Host-session");
    expect(after.value).toBe(before.value);
    await context.close();
  }, 90_000);
});

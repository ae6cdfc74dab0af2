// Issue 22: POST /session/otp answers the OTP page's form with the home page itself (one round trip
// less than 303 → GET /). Reload and Back must stay safe: the used code is never posted again, the
// page is the new session's, and the pending session's id is dead.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { SESSION_COOKIE } from "../support/client";
import { OTP } from "../support/stack";
import { newPhone, openLinkFromChat, recordRequests, useBrowserStack } from "./support";

const [ONE, TWO] = TEST_TAXPAYERS;
const env = useBrowserStack();

/** The documents the page asks the gateway for (navigations, form posts, reloads), as "METHOD /path". */
const recordDocuments = (page: Page) => recordRequests(page, env.stack.origin, "document");

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(env.stack.origin)).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}

/** A fresh phone that opened `msisdn`'s link from the chat and typed the code, up to the home greeting. */
async function signIn(msisdn: string): Promise<{ page: Page; seen: string[]; pendingId: string; context: BrowserContext }> {
  const { stack, browser } = env;
  const context = await newPhone(browser);
  const page = await context.newPage();
  await openLinkFromChat(page, stack, msisdn);
  const pendingId = (await sessionCookie(context))!;
  const seen = recordDocuments(page);
  await page.fill("#otp", OTP);
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByText(/^Hello, /).waitFor();
  return { page, seen, pendingId, context };
}

const greeting = (page: Page, name: string) => page.getByText(`Hello, ${name}`).waitFor();

describe("the home page as the answer to POST /session/otp", () => {
  it("comes in one document request, for the new session id, with / in the address bar", async () => {
    const { page, seen, pendingId, context } = await signIn(ONE.msisdn);
    expect(seen).toEqual(["POST /session/otp"]);
    expect(page.url()).toBe(`${env.stack.origin}/`);
    await greeting(page, ONE.name);
    const activeId = await sessionCookie(context);
    expect(activeId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(activeId).not.toBe(pendingId);
    expect((await env.stack.client().get("/session", { headers: { cookie: `${SESSION_COOKIE}=${pendingId}` } })).status).toBe(401);
    // The page is the app's own, hydrated: its links are followed by the client router.
    await page.waitForLoadState("networkidle");
    await page.locator('a[href="/checkers"]').click();
    await page.waitForURL(`${env.stack.origin}/checkers`);
    expect(seen).toEqual(["POST /session/otp"]);
    await context.close();
  }, 60_000);

  it("reload asks for / (the code is not posted again) and shows the same session's home", async () => {
    const { page, seen, context } = await signIn(TWO.msisdn);
    const activeId = await sessionCookie(context);
    seen.length = 0;
    await page.reload();
    await greeting(page, TWO.name);
    expect(seen).toEqual(["GET /"]);
    expect(await sessionCookie(context)).toBe(activeId);
    await context.close();
  }, 60_000);

  it("Back does not post the used code (nor the link) again, and Forward comes back to the home page", async () => {
    const { page, seen, context } = await signIn(ONE.msisdn);
    const activeId = await sessionCookie(context);
    seen.length = 0;
    await page.goBack();
    // Back lands on /otp, which sends an active session home: let that settle before going Forward
    // (going Forward mid-navigation fails with "Not attached to an active page").
    await page.waitForLoadState("networkidle");
    expect(seen.filter((request) => request.startsWith("POST"))).toEqual([]);
    expect(await page.locator(".alert.error").count()).toBe(0);
    expect(page.url()).toBe(`${env.stack.origin}/`);
    await page.goForward();
    await page.waitForLoadState("load");
    await greeting(page, ONE.name);
    expect(page.url()).toBe(`${env.stack.origin}/`);
    expect(seen.filter((request) => request.startsWith("POST"))).toEqual([]);
    expect(await sessionCookie(context)).toBe(activeId);
    await context.close();
  }, 60_000);

  it("a wrong code still shows the OTP page's error, and the right one then signs in", async () => {
    const { stack, browser } = env;
    const context = await newPhone(browser);
    const page = await context.newPage();
    await openLinkFromChat(page, stack, TWO.msisdn);
    await page.fill("#otp", "WRONG1");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${stack.origin}/otp?error=invalid_otp`);
    await page.locator(".alert.error, [role=alert]").filter({ hasText: /\S/ }).first().waitFor();
    const seen = recordDocuments(page);
    await page.fill("#otp", OTP);
    await page.getByRole("button", { name: "Confirm" }).click();
    await greeting(page, TWO.name);
    expect(seen).toEqual(["POST /session/otp"]);
    expect(page.url()).toBe(`${stack.origin}/`);
    await context.close();
  }, 60_000);
});

// Issue 22, item 1: POST /entry answers with the OTP page itself when the landing page's script
// submitted it (one round trip less than 303 → GET /otp). Reload and Back must stay safe: the
// link is never posted again (its nonce is spent), and the OTP page keeps working.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP, startStack, type Stack } from "../support/stack";
import { launchChromium, newPhone, serveLinkPage } from "./support";

const [ONE, TWO] = TEST_TAXPAYERS;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every request the page makes to the gateway, as "METHOD /path". */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(stack.origin)) seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return seen;
}

async function openLink(page: Page, msisdn: string): Promise<void> {
  const chat = await serveLinkPage(`${stack.origin}/?${new URLSearchParams(await stack.signedLink(msisdn))}`);
  try {
    await page.goto(chat.url);
    await page.click("#link");
    await page.locator("#otp:enabled").waitFor();
  } finally {
    await chat.close();
  }
}

describe("the OTP page as the answer to POST /entry", () => {
  it("comes in two requests, with /otp in the address bar", async () => {
    const context = await newPhone(browser);
    const page = await context.newPage();
    const seen = recordRequests(page);
    await openLink(page, ONE.msisdn);
    expect(seen).toEqual(["GET /", "POST /entry"]);
    expect(page.url()).toBe(`${stack.origin}/otp`);
    await context.close();
  }, 60_000);

  it("reload asks for /otp (the link is not posted again) and the code still signs in", async () => {
    const context = await newPhone(browser);
    const page = await context.newPage();
    const seen = recordRequests(page);
    await openLink(page, TWO.msisdn);
    seen.length = 0;
    await page.reload();
    await page.locator("#otp:enabled").waitFor();
    expect(seen[0]).toBe("GET /otp");
    expect(seen).not.toContain("POST /entry");
    await page.fill("#otp", OTP);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${stack.origin}/`);
    await page.getByText(/^Hello, /).waitFor();
    await context.close();
  }, 60_000);

  it("Back from the OTP page does not post the link again, and Forward comes back to a working OTP page", async () => {
    const context = await newPhone(browser);
    const page = await context.newPage();
    const seen = recordRequests(page);
    await openLink(page, ONE.msisdn);
    seen.length = 0;
    await page.goBack();
    await page.waitForLoadState("load");
    expect(seen).not.toContain("POST /entry");
    expect(await page.locator(".alert.error").count()).toBe(0);
    await page.goForward();
    await page.locator("#otp:enabled").waitFor();
    expect(page.url()).toBe(`${stack.origin}/otp`);
    expect(seen).not.toContain("POST /entry");
    await context.close();
  }, 60_000);
});

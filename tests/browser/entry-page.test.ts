// Issue 22, item 1: POST /entry answers with the OTP page itself when the landing page's script
// submitted it (one round trip less than 303 → GET /otp). Reload and Back must stay safe: the
// link is never posted again (its nonce is spent), and the OTP page keeps working.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP } from "../support/stack";
import { newPhone, openLinkFromChat, recordRequests, useBrowserStack } from "./support";

const [ONE, TWO] = TEST_TAXPAYERS;
const env = useBrowserStack();

/** A fresh phone that opened `msisdn`'s link from the chat, with the requests it made from then on. */
async function openLink(msisdn: string): Promise<{ page: Page; seen: string[]; close(): Promise<void> }> {
  const { stack, browser } = env;
  const context = await newPhone(browser);
  const page = await context.newPage();
  const seen = recordRequests(page, stack.origin);
  await openLinkFromChat(page, stack, msisdn);
  return { page, seen, close: () => context.close() };
}

describe("the OTP page as the answer to POST /entry", () => {
  it("comes in two requests, with /otp in the address bar", async () => {
    const { page, seen, close } = await openLink(ONE.msisdn);
    expect(seen).toEqual(["GET /", "POST /entry"]);
    expect(page.url()).toBe(`${env.stack.origin}/otp`);
    await close();
  }, 60_000);

  it("reload asks for /otp (the link is not posted again) and the code still signs in", async () => {
    const { page, seen, close } = await openLink(TWO.msisdn);
    seen.length = 0;
    await page.reload();
    await page.locator("#otp:enabled").waitFor();
    expect(seen[0]).toBe("GET /otp");
    expect(seen).not.toContain("POST /entry");
    await page.fill("#otp", OTP);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${env.stack.origin}/`);
    await page.getByText(/^Hello, /).waitFor();
    await close();
  }, 60_000);

  it("Back from the OTP page does not post the link again, and Forward comes back to a working OTP page", async () => {
    const { page, seen, close } = await openLink(ONE.msisdn);
    seen.length = 0;
    await page.goBack();
    await page.waitForLoadState("load");
    expect(seen).not.toContain("POST /entry");
    expect(await page.locator(".alert.error").count()).toBe(0);
    await page.goForward();
    await page.locator("#otp:enabled").waitFor();
    expect(page.url()).toBe(`${env.stack.origin}/otp`);
    expect(seen).not.toContain("POST /entry");
    await close();
  }, 60_000);
});

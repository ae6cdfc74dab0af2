import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP } from "../support/stack";
import { button, chooseKiswahili, containsText, holdScripts, newPhone, openPage, recordRequests, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// The language switch (components/LanguageSwitch.tsx) on a slow phone: a tap before the page's
// script has arrived, or without JavaScript at all, still ends with the page in Kiswahili (a form
// post to /language, the same page sent back); once hydrated it switches in place, keeping what
// was typed, and tells the server by a script call to /language. CI once waited 30 s for "Ritani
// na malipo" after a tap that landed before hydration.

const [, TWO, THREE] = TEST_TAXPAYERS;
const env = useBrowserStack();

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const langCookie = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === "lang");

describe("the language switch", () => {
  it("without JavaScript: the code page comes back in Kiswahili with its error, and home after signing in on the same path", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${env.stack.origin}/?${new URLSearchParams(await env.stack.signedLink(TWO.msisdn))}`);
    await button(page, "Continue").click();
    await page.waitForURL(`${env.stack.origin}/otp`);
    await page.fill("#otp", "WRONG1");
    await page.locator("form[action='/session/otp'] button").click();
    await page.waitForURL(/\/otp\?error=invalid_otp/);
    await chooseKiswahili(page);
    expect(page.url()).toBe(`${env.stack.origin}/otp?error=invalid_otp`);
    await containsText(page.getByRole("alert").first(), "Nambari hiyo si sahihi.");
    await button(page, "English").click();
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    await page.fill("#otp", OTP);
    await page.locator("form[action='/session/otp'] button").click();
    await page.waitForURL(`${env.stack.origin}/`);
    await visible(page.getByRole("link", { name: /Returns and payments/ }));
    await chooseKiswahili(page);
    expect(page.url()).toBe(`${env.stack.origin}/`);
    await visible(page.getByRole("link", { name: /Ritani na malipo/ }));
    expect(await button(page, "Kiswahili").getAttribute("aria-pressed")).toBe("true");
    expect(await langCookie(page)).toMatchObject({ value: "sw", path: "/", secure: true, sameSite: "Lax", httpOnly: false });
    await screenshot(page, "lang-01-no-js-home-sw");
    await context.close();
  }, 90_000);

  it("a tap before the page's script has arrived ends in Kiswahili, and the page then hydrates in it", async () => {
    const page = await (await newPhone(env.browser)).newPage();
    await signInThroughChat(page, env.stack, THREE.msisdn);
    const releaseScripts = await holdScripts(page);
    await page.goto(`${env.stack.origin}/`, { waitUntil: "commit" });
    await page.waitForSelector(".services");
    expect(await htmlLang(page)).toBe("en");
    await chooseKiswahili(page);
    expect(page.url()).toBe(`${env.stack.origin}/`);
    await visible(page.getByRole("link", { name: /Ritani na malipo/ }));
    releaseScripts();
    await page.waitForLoadState("networkidle");
    expect(await htmlLang(page)).toBe("sw");
    await visible(page.getByRole("link", { name: /Ritani na malipo/ }));
    expect((await langCookie(page))?.value).toBe("sw");
    await page.context().close();
  }, 90_000);

  it("once hydrated, switches in place (nothing typed is lost, no page load) and tells the server in the background, and back again", async () => {
    const page = await (await newPhone(env.browser)).newPage();
    await signInThroughChat(page, env.stack, TWO.msisdn);
    await openPage(page, `${env.stack.origin}/returns/tot`);
    await page.fill("#gross-sales", "100000");
    const told: Promise<string>[] = [];
    page.on("request", (request) => {
      if (request.method() !== "POST") return;
      told.push(request.response().then((response) => `${new URL(request.url()).pathname} ${request.postData()} ${response?.status()}`));
    });
    const documents = recordRequests(page, env.stack.origin, "document");
    await chooseKiswahili(page);
    expect(await page.inputValue("#gross-sales")).toBe("100000");
    expect((await langCookie(page))?.value).toBe("sw");
    await button(page, "English").click();
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    expect(await page.inputValue("#gross-sales")).toBe("100000");
    await expect.poll(() => told.length).toBe(2);
    // The number's WhatsApp Flows follow a signed-in taxpayer's switch (tests/integration/language.test.ts): the server hears each tap, in order.
    expect(await Promise.all(told)).toEqual(['/language {"lang":"sw"} 204', '/language {"lang":"en"} 204']);
    expect(documents).toEqual([]);
    expect((await langCookie(page))?.value).toBe("en");
    await page.context().close();
  }, 90_000);
});

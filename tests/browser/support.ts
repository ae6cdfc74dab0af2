import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchChromium, serveLinkPage } from "../support/chromium";
import { ROOT } from "../support/gateway";
import { OTP, startStack, type Stack, type StackOptions } from "../support/stack";

export const ARTIFACTS = `${ROOT}tests/artifacts`;
// Shared with the phone benchmark (tests/bench/phone.ts), which runs without vitest.
export { ANDROID_WEBVIEW_UA, launchChromium, newPhone, serveLinkPage } from "../support/chromium";
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** The layout must fit the phone: no horizontal scroll, every control at least 44 px tall and labelled. */
export async function checkMobileLayout(page: Page): Promise<{ overflow: number; smallTargets: string[]; unlabelled: string[] }> {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const unlabelled = [...document.querySelectorAll("input:not([type=hidden]), select")]
      .filter((element) => (element as HTMLInputElement).labels?.length === 0 && !element.getAttribute("aria-label"))
      .map((element) => element.outerHTML.slice(0, 80));
    const smallTargets = [...document.querySelectorAll("a.btn, button, input:not([type=hidden]):not([type=radio]):not(.choice > [type=checkbox]), select, label.choice, .services a, .tabs a")]
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .filter((element) => element.getBoundingClientRect().height < 44)
      .map((element) => element.outerHTML.slice(0, 80));
    return { overflow, smallTargets, unlabelled };
  });
}


/** The requests the page makes to `origin` from now on (only documents: navigations, form posts, reloads), as "METHOD /path". */
export function recordRequests(page: Page, origin: string, only?: "document"): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(origin) && (!only || request.resourceType() === only)) seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return seen;
}

/** A chat page on another site links to the signed URL; the tap, the landing's post, up to a usable OTP input. */
export async function openLinkFromChat(page: Page, stack: Stack, msisdn: string): Promise<void> {
  const chat = await serveLinkPage(`${stack.origin}/?${new URLSearchParams(await stack.signedLink(msisdn))}`);
  try {
    await page.goto(chat.url);
    await page.click("#link");
    await page.locator("#otp:enabled").waitFor();
  } finally {
    await chat.close();
  }
}

/** The real entry: the link opened from the chat, then the OTP typed. */
export async function signInThroughChat(page: Page, stack: Stack, msisdn: string, shots?: string): Promise<void> {
  await openLinkFromChat(page, stack, msisdn);
  await page.waitForURL(`${stack.origin}/otp`);
  if (shots) await screenshot(page, `${shots}-otp`);
  await page.fill("#otp", OTP.toLowerCase());
  await page.locator("form[action='/session/otp'] button[type=submit]").click();
  await page.waitForURL(`${stack.origin}/`);
  await page.waitForSelector(".services");
}

/** Playwright's auto-waiting assertions, for vitest: wait until visible (fails after the timeout). */
export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout });
}

export async function containsText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  const started = Date.now();
  let seen = "";
  while (Date.now() - started < timeout) {
    seen = (await locator.first().textContent().catch(() => "")) ?? "";
    if (seen.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected the text "${text}", saw "${seen.slice(0, 300)}"`);
}

export const button = (page: Page, name: string | RegExp) => page.getByRole("button", { name, exact: typeof name === "string" });

/**
 * Taps "Kiswahili" and waits until the page is in it: in place once the page has hydrated, else
 * through the switch's form post (POST /language) and the page sent back; either way `<html lang>`.
 */
export async function chooseKiswahili(page: Page): Promise<void> {
  await button(page, "Kiswahili").click();
  await page.waitForSelector('html[lang="sw"]', { state: "attached", timeout: 20_000 });
}

/**
 * A slow network: the page's scripts are held back until the returned function is called
 * (routing also turns the HTTP cache off, so every script waits).
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_build/**/*.js", async (route) => {
    await held;
    // A script the page no longer wants (it went to another page meanwhile) has nothing to continue.
    await route.continue().catch(() => {});
  });
  return release;
}

/** Opens a page and waits for it to settle: typing before hydration would be reset by it. */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
}

/** A gateway stack and a Chromium for one test file: started before its tests, stopped after. */
export function useBrowserStack(options?: StackOptions): { readonly stack: Stack; readonly browser: Browser } {
  const env = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    [env.stack, env.browser] = await Promise.all([startStack(options), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });
  return env;
}

/** The page fits a 360 px screen: nothing wider, touch targets of 44 px, every field labelled. */
export async function expectFitsPhone(page: Page): Promise<void> {
  expect(await checkMobileLayout(page)).toEqual({ overflow: 0, smallTargets: [], unlabelled: [] });
}

/** From home, in Kiswahili: a NIL return for the first obligation, up to its acknowledgement. */
export async function fileNilInKiswahili(page: Page): Promise<void> {
  await chooseKiswahili(page);
  await page.getByRole("link", { name: /Ritani na malipo/ }).click();
  // The obligations load in the browser and push the links down: wait for them before tapping.
  await visible(page.getByTestId("obligations").locator("li"), 20_000);
  await page.getByRole("link", { name: /Wasilisha ritani ya NIL/ }).click();
  await page.locator("input[name=obligation]").first().check();
  await button(page, "Endelea").click();
  await button(page, "Wasilisha ritani ya NIL").click();
  await containsText(page.getByTestId("filed"), "Nambari ya uthibitisho:", 20_000);
}

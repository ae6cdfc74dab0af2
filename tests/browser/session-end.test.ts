import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { button, containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 21, item 3: a session about to end says so on every page, a couple of minutes ahead; when
// it ends, the "session ended" page still shows the last reference this browser obtained, and
// the browser keeps that reference only (never a token, a name, a PIN or a phone number).

const IDLE_SECONDS = 25;
const [ONE, TWO, THREE, FOUR] = TEST_TAXPAYERS;
const env = useBrowserStack({ env: { NITRO_SESSION_IDLE_SECONDS: String(IDLE_SECONDS), NITRO_RATE_LIMIT_CHECKER_SESSION: "2/600" } });

describe.each([
  ["en", ONE, "en-KE", { warning: "Your session ends at", ended: "Your session has ended", kept: "Invoice number: " }],
  ["sw", FOUR, "sw-KE", { warning: "Kikao chako kinaisha saa", ended: "Kikao chako kimeisha", kept: "Nambari ya ankara: " }],
] as const)("session end in %s", (language, taxpayer, locale, text) => {
  it("warns on the page before the end, then the session-ended page shows the invoice number obtained", async () => {
    const context = await newPhone(env.browser, { locale });
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, taxpayer.msisdn);
    await containsText(page.getByTestId("session-warning"), text.warning);
    await screenshot(page, `s01-warning-home-${language}`);
    await openPage(page, `${env.stack.origin}/sales-invoice`);
    await containsText(page.getByTestId("session-warning"), text.warning);
    await page.fill("#buyer-name", "Duka");
    await button(page, language === "en" ? "Continue without a buyer PIN" : /PIN/).click();
    await page.fill("#item-0-name", "Tea");
    await page.fill("#item-0-price", "100");
    await button(page, language === "en" ? "Continue" : "Endelea").click();
    await button(page, language === "en" ? "Submit" : "Wasilisha").click();
    const number = page.locator("main p", { hasText: /KRASRN|INV/ }).first();
    await visible(number, 20_000);
    const invoice = (await number.textContent())!.split(": ").at(-1)!.trim();
    await expectFitsPhone(page);
    await screenshot(page, `s02-warning-invoice-${language}`);
    // Idle past the end: the page leaves for the session-ended page by itself.
    await page.waitForURL(/\/session-ended\?reason=session_expired/, { timeout: (IDLE_SECONDS + 30) * 1000 });
    await containsText(page.locator("main"), text.ended);
    await containsText(page.getByTestId("kept-reference"), `${text.kept}${invoice}`);
    await expectFitsPhone(page);
    await screenshot(page, `s03-ended-kept-${language}`);
    const stored = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie);
    expect(stored).toContain(invoice);
    for (const personal of [taxpayer.msisdn, taxpayer.name, taxpayer.pin, "2547******", ...env.stack.upstream.tokensIssued()]) {
      expect(stored.includes(personal), "only the reference is kept in the browser").toBe(false);
    }
    // A later visit to the ended page in this browser still shows it.
    await openPage(page, `${env.stack.origin}/session-ended?reason=session_required`);
    await containsText(page.getByTestId("kept-reference"), invoice);
    await context.close();
  }, 150_000);
});

describe.each([
  ["en", TWO, "en-KE", /Too many attempts\. Please wait (\d+ minutes|\d+ seconds), then try again\./],
  ["sw", THREE, "sw-KE", /Majaribio mengi mno\. Tafadhali subiri (dakika \d+|sekunde \d+), kisha ujaribu tena\./],
] as const)("a rate limit in %s", (language, taxpayer, locale, sentence) => {
  it("says how long to wait, from Retry-After (issue 21 item 4)", async () => {
    const context = await newPhone(env.browser, { locale });
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, taxpayer.msisdn);
    await openPage(page, `${env.stack.origin}/checkers/staff?national_id=20000001`);
    await visible(page.getByTestId("checker-verdict"), 20_000);
    for (let i = 0; i < 2; i++) await button(page, language === "en" ? "Check" : "Kagua").click();
    await expect.poll(async () => (await page.locator("[role=alert]").allTextContents()).join(" "), { timeout: 20_000 }).toMatch(sentence);
    await expectFitsPhone(page);
    await screenshot(page, `s10-rate-limit-wait-${language}`);
    await context.close();
  }, 60_000);
});

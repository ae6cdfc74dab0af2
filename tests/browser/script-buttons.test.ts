import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SEEDED_PRNS, TEST_TAXPAYERS } from "../upstream";
import { button, holdScripts, newPhone, openPage, signInThroughChat, useBrowserStack, visible } from "./support";

// A button whose tap needs the page's script (components/ScriptButton.tsx) on a slow phone: before the
// script has arrived it is served disabled and looks it, instead of an enabled button whose tap is lost;
// once the page has hydrated it is enabled, the same size, and works.

const [ONE] = TEST_TAXPAYERS;
const env = useBrowserStack();

const looks = (locator: Locator) => locator.evaluate((element) => {
  const { width, height } = element.getBoundingClientRect();
  return { width, height, opacity: getComputedStyle(element).opacity };
});

describe("a button that needs the page's script", () => {
  it("is disabled until the page has hydrated, then enabled, the same size, and works", async () => {
    const page = await (await newPhone(env.browser)).newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    const releaseScripts = await holdScripts(page);
    await page.goto(`${env.stack.origin}/payments/levy`, { waitUntil: "commit" });
    await page.fill("#levy-month", "2025-10", { timeout: 20_000 });
    await page.fill("#levy-amount", "1500");
    const next = button(page, "Continue");
    expect(await next.isDisabled(), "served disabled: before the script, a tap would do nothing").toBe(true);
    const served = await looks(next);
    expect(served.opacity).toBe("0.55");

    releaseScripts();
    await page.locator("button:enabled", { hasText: /^Continue$/ }).waitFor({ timeout: 20_000 });
    expect(await looks(next)).toEqual({ ...served, opacity: "1" });
    await next.click();
    // A button rendered after hydration is enabled at once.
    const getPrn = button(page, "Get PRN");
    await visible(getPrn);
    expect(await getPrn.isEnabled()).toBe(true);
    await getPrn.click();
    await visible(page.getByTestId("mpesa"), 20_000);
    expect(JSON.parse(env.stack.upstream.receivedOn("/api/ussd/generate-prn").at(-1)!.body)).toMatchObject({ amount: "1500" });
    await page.context().close();
  }, 90_000);

  it("a form sent by the page's script (e-slip, TCC) cannot be posted before it: its submit is served disabled, with its label", async () => {
    const page = await (await newPhone(env.browser)).newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    const forms = [
      // The e-slip's button says "Loading…" until the script runs (and while sending); the TCC's keeps its words.
      ["/payments/eslip", "[data-testid=eslip]", /^Loading…$/, /^Send M-Pesa prompt to /],
      ["/tcc", "form.card", /^Apply for TCC$/, /^Apply for TCC$/],
    ] as const;
    for (const [path, form, served, hydrated] of forms) {
      const releaseScripts = await holdScripts(page);
      await page.goto(`${env.stack.origin}${path}`, { waitUntil: "commit" });
      const submit = page.locator(`${form} button[type=submit]`);
      await submit.waitFor({ timeout: 20_000 });
      expect(await submit.isDisabled(), `${path}: a native post before the script would lose the tap`).toBe(true);
      expect((await submit.textContent())?.trim()).toMatch(served);
      releaseScripts();
      await page.locator(`${form} button[type=submit]:enabled`).waitFor({ timeout: 20_000 });
      expect((await submit.textContent())?.trim()).toMatch(hydrated);
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
    await page.context().close();
  }, 90_000);

  it("a form's submit is busy while its call is in flight: disabled, saying so, then done", async () => {
    const page = await (await newPhone(env.browser)).newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    await openPage(page, `${env.stack.origin}/payments/eslip`);
    await page.fill("#prn", SEEDED_PRNS[0].prn);
    env.stack.upstream.addFault({ fault: { kind: "slow", delayMs: 1500 }, path: "/api/ussd/make-payment", times: 1 });
    const submit = page.locator("[data-testid=eslip] button[type=submit]");
    await submit.click();
    await page.locator("[data-testid=eslip] button[type=submit]:disabled", { hasText: "Loading…" }).waitFor({ timeout: 5_000 });
    await visible(page.getByTestId("mpesa-sent"), 20_000);
    await page.context().close();
  }, 90_000);
});

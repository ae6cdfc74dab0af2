import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { ITR_REFUSAL } from "../upstream/itr-fixtures";
import { button, chooseKiswahili, containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 23: the income tax return for employment income on a 360 px phone, in English and Kiswahili,
// with screenshots in tests/artifacts (i01…).

const [ONE, TWO, THREE, FOUR, FIVE] = TEST_TAXPAYERS;
const YEAR = String(new Date().getUTCFullYear() - 1);
const env = useBrowserStack();

const WORDS = {
  en: {
    link: /File my income tax return \(employment\)/, returns: /Returns and payments/, continue: "Continue", see: "See my tax",
    file: "File my return", ack: "Acknowledgement number:", employers: "Your employers, as KRA has them",
    refund: "KRA owes you KES 12,000.00 (refund).", owe: "You owe KES 25,000.00.", getPrn: "Get PRN", sendPrompt: /Send M-Pesa prompt/,
  },
  sw: {
    link: /Wasilisha ritani yangu ya kodi ya mapato/, returns: /Ritani na malipo/, continue: "Endelea", see: "Ona kodi yangu",
    file: "Wasilisha ritani yangu", ack: "Nambari ya uthibitisho:", employers: "Waajiri wako, kama KRA inavyowajua",
    refund: "KRA inakudai KES 12,000.00 (marejesho).", owe: "Unadaiwa KES 25,000.00.", getPrn: "Pata PRN", sendPrompt: /Tuma ombi la M-Pesa/,
  },
};
type Language = keyof typeof WORDS;

/** Signed in through the chat, in the language, on the returns home, then the ITR link (it shows once the obligations load). */
async function openItr(msisdn: string, language: Language, shots: string): Promise<Page> {
  const page = await (await newPhone(env.browser)).newPage();
  await signInThroughChat(page, env.stack, msisdn);
  if (language === "sw") await chooseKiswahili(page);
  await page.getByRole("link", { name: WORDS[language].returns }).click();
  await visible(page.getByTestId("obligations").locator("li"), 20_000);
  await page.getByRole("link", { name: WORDS[language].link }).click();
  await visible(page.getByTestId("itr-year"));
  await expectFitsPhone(page);
  await screenshot(page, `${shots}-year`);
  return page;
}

/** Year → employers → deductions (pre-filled) → KRA's summary, with screenshots of each. */
async function toSummary(page: Page, language: Language, shots: string, declare?: (page: Page) => Promise<void>): Promise<void> {
  await button(page, WORDS[language].continue).click();
  await visible(page.getByTestId("itr-employers"), 20_000);
  await containsText(page.locator("h3"), WORDS[language].employers);
  await expectFitsPhone(page);
  await screenshot(page, `${shots}-employers`);
  await button(page, WORDS[language].continue).click();
  await visible(page.getByTestId("itr-deductions"));
  // KRA's yearly limits (A/settings/itr/config) as hints, once they arrive.
  await containsText(page.getByTestId("itr-deductions"), language === "en" ? "KRA's limit: KES 360,000.00 a year." : "Kikomo cha KRA: KES 360,000.00 kwa mwaka.");
  await screenshot(page, `${shots}-deductions`);
  if (declare) await declare(page);
  await button(page, WORDS[language].see).click();
  await visible(page.getByTestId("itr-summary"), 20_000);
  await expectFitsPhone(page);
  await screenshot(page, `${shots}-summary`);
}

/** The year, once the filing period KRA offers has been read (it preselects a year of its own). */
async function chooseYear(page: Page, year: string): Promise<void> {
  await page.getByTestId("itr-progress").waitFor({ state: "hidden" });
  await page.selectOption("#itr-year", year);
  expect(await page.inputValue("#itr-year")).toBe(year);
}

async function fileIt(page: Page, language: Language, shots: string): Promise<void> {
  await button(page, WORDS[language].file).click();
  await containsText(page.getByTestId("filed"), WORDS[language].ack, 20_000);
  await expectFitsPhone(page);
  await screenshot(page, `${shots}-filed`);
}

/** The kind of notice the result sentence is in: `ok` (green, good news) or `warn` (an amount owed). */
async function resultKind(page: Page): Promise<string[]> {
  return (await page.getByTestId("itr-result").getAttribute("class"))!.split(/\s+/).filter((name) => name !== "alert").sort();
}

/** Nothing of the taxpayer's PIN or national ID in the page or its storage. */
async function expectNothingPrivate(page: Page, pin: string): Promise<void> {
  const client = await page.evaluate(() => [document.documentElement.outerHTML, JSON.stringify(sessionStorage), JSON.stringify(localStorage)].join("\n"));
  expect(client).not.toContain(pin);
  expect(client).not.toContain("27004411");
}

describe("income tax return for employment income on a phone", () => {
  // KRA files a year once per PIN (the simulator too), and its figures are the same for every past year:
  // the English journeys file last year, the Kiswahili ones the year before.
  const JOURNEYS = [{ language: "en", year: YEAR, shots: "" }, { language: "sw", year: String(Number(YEAR) - 1), shots: "-sw" }] as const;

  for (const { language, year, shots } of JOURNEYS) {
    it(`a refund (${language}): employers, deductions, KRA's summary; the draft survives a reload; filed`, async () => {
      const page = await openItr(ONE.msisdn, language, `i01${shots}`);
      await chooseYear(page, year);
      await toSummary(page, language, `i01${shots}`);
      await containsText(page.getByTestId("itr-result"), WORDS[language].refund);
      expect(await resultKind(page), "a refund is good news").toEqual(["ok"]);
      await page.reload();
      await visible(page.getByTestId("itr-restored"), 20_000);
      await containsText(page.getByTestId("itr-result"), WORDS[language].refund);
      await screenshot(page, `i01${shots}-reloaded`);
      await fileIt(page, language, `i01${shots}`);
      await expectNothingPrivate(page, ONE.pin);
      await page.context().close();
    }, 120_000);

    it(`tax due (${language}): filed, then a PRN for obligation 2 and the M-Pesa prompt to the taxpayer's own phone`, async () => {
      const page = await openItr(TWO.msisdn, language, `i02${shots}`);
      await chooseYear(page, year);
      await toSummary(page, language, `i02${shots}`);
      await containsText(page.getByTestId("itr-result"), WORDS[language].owe);
      expect(await resultKind(page), "an amount owed is not shown as good news").toEqual(["warn"]);
      await fileIt(page, language, `i02${shots}`);
      expect(await resultKind(page), "nor once filed").toEqual(["warn"]);
      await button(page, WORDS[language].getPrn).click();
      await visible(page.getByTestId("mpesa"), 20_000);
      await screenshot(page, `i02${shots}-prn`);
      await page.getByRole("button", { name: WORDS[language].sendPrompt }).click();
      await visible(page.getByTestId("mpesa-sent"), 20_000);
      await expectFitsPhone(page);
      await screenshot(page, `i02${shots}-mpesa`);
      expect(env.stack.upstream.stkPushes().at(-1)).toMatchObject({ msisdn: TWO.msisdn, amount: 25_000 });
      const prnCall = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/generate-prn").at(-1)!.body);
      expect(prnCall).toMatchObject({ obligation_id: "2", tax_payer_pin: TWO.pin, amount: "25000", tax_period_from: `01/01/${year}` });
      await page.context().close();
    }, 120_000);
  }

  it("nothing to pay (Kiswahili): what was typed survives a reload; the sentence, then filed", async () => {
    const page = await openItr(THREE.msisdn, "sw", "i03");
    await button(page, "Endelea").click();
    await button(page, "Endelea").click();
    await page.fill("#itr-pension", "40000");
    await page.reload();
    await visible(page.getByTestId("itr-restored"), 20_000);
    expect(await page.inputValue("#itr-pension")).toBe("40000");
    await screenshot(page, "i03-reloaded");
    await page.fill("#itr-pension", "36000");
    await button(page, "Ona kodi yangu").click();
    await visible(page.getByTestId("itr-summary"), 20_000);
    await screenshot(page, "i03-summary");
    await containsText(page.getByTestId("itr-result"), "Hakuna cha kulipa.");
    expect(await resultKind(page), "nothing to pay is good news").toEqual(["ok"]);
    await fileIt(page, "sw", "i03");
    await page.context().close();
  }, 120_000);

  for (const language of ["en", "sw"] as const) {
    it(`no employers (${language}): say so, and offer the NIL income tax return through the NIL journey`, async () => {
      const page = await openItr(FOUR.msisdn, language, `i04-${language}`);
      await button(page, WORDS[language].continue).click();
      await visible(page.getByTestId("itr-no-employers"), 20_000);
      await expectFitsPhone(page);
      await screenshot(page, `i04-${language}-no-employers`);
      await page.getByTestId("itr-no-employers").getByRole("link").click();
      await page.waitForURL(/\/returns\/nil\?obligation=2$/);
      await visible(page.locator("input[name=obligation][value='2']:checked"), 20_000);
      await screenshot(page, `i04-${language}-nil`);
      if (language === "en") {
        await button(page, "Continue").click();
        await button(page, "File NIL return").click();
        await containsText(page.getByTestId("filed"), "Acknowledgement number:", 20_000);
        await screenshot(page, "i04-en-nil-filed");
      }
      await page.context().close();
    }, 120_000);

    it(`an upstream refusal (${language}): the upstream's sentence with the request id`, async () => {
      const page = await openItr(FIVE.msisdn, language, `i05-${language}`);
      await button(page, WORDS[language].continue).click();
      await button(page, WORDS[language].continue).click();
      await button(page, WORDS[language].see).click();
      const alert = page.getByRole("alert").filter({ hasText: "reconciled" });
      await visible(alert, 20_000);
      await containsText(alert, ITR_REFUSAL.slice(0, 40));
      await containsText(alert, language === "en" ? "Reference:" : "Kumbukumbu");
      await expectFitsPhone(page);
      await screenshot(page, `i05-${language}-refused`);
      await page.context().close();
    }, 120_000);
  }

  it("tax due (Kiswahili), then an insurance policy and a mortgage turn it into a refund; the draft is kept on a return to the page", async () => {
    const page = await openItr(TWO.msisdn, "sw", "i06");
    await toSummary(page, "sw", "i06");
    await containsText(page.getByTestId("itr-result"), "Unadaiwa KES 25,000.00.");
    expect(await resultKind(page)).toEqual(["warn"]);
    await button(page, "Badilisha makato").click();
    await visible(page.getByTestId("itr-deductions"));
    await button(page, "Ongeza bima").click();
    const policy = {
      pin: "p051000009x", insurer_name: "TEST INSURANCE", insurance_policy_no: "POL-1", policy_holder: "SELF",
      commencement_date: "01/01/2020", maturity_date: "01/01/2040", sum_assured: "1,000,000", annual_premium_paid: "120000",
    };
    for (const [field, value] of Object.entries(policy)) await page.fill(`#itr-insurance-${field}`, value);
    await button(page, "Ongeza mkopo wa nyumba").click();
    const mortgage = {
      pin_of_lender: "P051000010Y", name_of_lender: "TEST BANK", mortgage_account_no: "MORT-1", amount_borrowed: "5000000",
      outstanding_amount: "4000000", interest_amount_paid: "100000",
    };
    for (const [field, value] of Object.entries(mortgage)) await page.fill(`#itr-mortgage-${field}`, value);
    await expectFitsPhone(page);
    await screenshot(page, "i06-declared");
    await button(page, "Ona kodi yangu").click();
    await containsText(page.getByTestId("itr-result"), "KRA inakudai KES 23,000.00 (marejesho).", 20_000);
    expect(await resultKind(page), "the same sentence, now a refund, is good news again").toEqual(["ok"]);
    await screenshot(page, "i06-summary-declared");
    const sent = JSON.parse(env.stack.upstream.receivedOn("/api/tax-return/itr-create").at(-1)!.body);
    expect(sent.insurance_policy[0]).toMatchObject({ pin: "P051000009X", sum_assured: 1_000_000, annual_premium_paid: 120_000 });
    expect(sent.mortgage[0]).toMatchObject({ pin_of_lender: "P051000010Y", interest_amount_paid: 100_000 });
    await openPage(page, `${env.stack.origin}/returns/itr`);
    await visible(page.getByTestId("itr-restored"), 20_000);
    await containsText(page.getByTestId("itr-result"), "KRA inakudai KES 23,000.00 (marejesho).");
    await page.context().close();
  }, 120_000);
});

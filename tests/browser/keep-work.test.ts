import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import { OTP } from "../support/stack";
import { button, containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 21, item 3 (work is never lost) and item 7 (the NIL period), at 360 px: Back and
// Forward through a multi-step journey keep the step and what was typed; after "Invoice created"
// Back does not offer a second submit and Forward shows the result again; a NIL period that has
// not ended is refused with a reason.

const [ONE, TWO] = TEST_TAXPAYERS;
const env = useBrowserStack();

async function phone(msisdn: string, locale = "en-KE"): Promise<Page> {
  const page = await (await newPhone(env.browser, { locale })).newPage();
  await signInThroughChat(page, env.stack, msisdn);
  return page;
}

describe("Back and Forward through a journey", () => {
  it("sales invoice: each step is a history entry; typed values survive; the result survives Back then Forward", async () => {
    const page = await phone(ONE.msisdn);
    await openPage(page, `${env.stack.origin}/sales-invoice`);
    await page.fill("#buyer-name", "Mama Mboga");
    await button(page, "Continue without a buyer PIN").click();
    await page.fill("#item-0-name", "Maize flour 2kg");
    await page.fill("#item-0-quantity", "2");
    await page.fill("#item-0-price", "150");
    await button(page, "Continue").click();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    // Android's Back: the items step, as typed; again: the buyer step, as typed.
    await page.goBack();
    await visible(page.locator("#item-0-name"));
    expect(await page.inputValue("#item-0-name")).toBe("Maize flour 2kg");
    expect(await page.inputValue("#item-0-price")).toBe("150");
    await screenshot(page, "w01-back-to-items");
    await page.goBack();
    await visible(page.locator("#buyer-name"));
    expect(await page.inputValue("#buyer-name")).toBe("Mama Mboga");
    expect(page.url()).toBe(`${env.stack.origin}/sales-invoice`);
    await page.goForward();
    await visible(page.locator("#item-0-name"));
    await page.goForward();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    await containsText(page.locator("main"), "Mama Mboga");
    await button(page, "Submit").click();
    await visible(page.getByText("Invoice created"), 20_000);
    const created = (await page.locator("main").textContent())!.match(/Invoice number: ([A-Z]+\d+\/\d+)/)![1];
    const posted = env.stack.upstream.receivedOn("/api/ussd/post-sale").length;
    await page.goBack();
    await containsText(page.getByTestId("already-submitted"), created);
    expect(await page.getByRole("button", { name: "Submit" }).count()).toBe(0);
    await expectFitsPhone(page);
    await screenshot(page, "w02-back-after-created");
    await page.goForward();
    await visible(page.getByText("Invoice created"));
    await containsText(page.locator("main"), created);
    expect(env.stack.upstream.receivedOn("/api/ussd/post-sale")).toHaveLength(posted);
    await screenshot(page, "w03-forward-result");
    // With a long session, no warning is shown.
    expect(await page.getByTestId("session-warning").count()).toBe(0);
    await page.context().close();
  }, 120_000);
});

/** Submits from a review step, then Back (what KRA has, no second submit) and Forward (the result again): nothing is sent twice. */
async function submitOnce(page: Page, step: { submit: string; result: string; upstream: string; shot: string }): Promise<void> {
  await button(page, step.submit).click();
  await visible(page.getByText(step.result), 20_000);
  const sent = env.stack.upstream.receivedOn(step.upstream).length;
  await page.goBack();
  await visible(page.getByTestId("already-submitted"));
  expect(await button(page, step.submit).count()).toBe(0);
  await expectFitsPhone(page);
  await screenshot(page, step.shot);
  await page.goForward();
  await visible(page.getByText(step.result));
  expect(env.stack.upstream.receivedOn(step.upstream)).toHaveLength(sent);
}

describe("Back and Forward through the other journeys (issue 21 item 3)", () => {
  it("NIL return: the obligation chosen survives Back; after filing, Back offers no second filing", async () => {
    const page = await phone(TEST_TAXPAYERS[4].msisdn);
    await openPage(page, `${env.stack.origin}/returns/nil`);
    await page.getByLabel(/\(ITR\)/).check();
    await button(page, "Continue").click();
    await visible(button(page, "File NIL return"), 20_000);
    await page.goBack();
    expect(await page.getByLabel(/\(ITR\)/).isChecked()).toBe(true);
    await page.goForward();
    await submitOnce(page, { submit: "File NIL return", result: "NIL return filed", upstream: "/api/ussd/file-return", shot: "w11-nil-back-after-filing" });
    await page.context().close();
  }, 120_000);


  it("credit note: search, choice and quantities survive Back; after \"Credit note issued\" Back offers no second submit", async () => {
    const api = await env.stack.signIn(ONE.msisdn);
    const sale = await (await api.api("POST", "/post-sale", {
      json: { total_amount: 400, items: [{ item_name: "Soap", taxable_amount: 50, quantity: 4 }, { item_name: "Salt", taxable_amount: 100, quantity: 2 }] },
    })).json() as { invoice_no: string };
    const page = await phone(ONE.msisdn);
    await openPage(page, `${env.stack.origin}/credit-note`);
    await page.fill("#invoice-no", sale.invoice_no);
    await button(page, "Find invoice").click();
    await page.getByLabel("Some items").check();
    await page.locator("input[id^=return-]").first().fill("2");
    await page.selectOption("#reason", "damaged");
    await button(page, "Continue").click();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    await page.goBack();
    expect(await page.getByLabel("Some items").isChecked()).toBe(true);
    expect(await page.locator("input[id^=return-]").first().inputValue()).toBe("2");
    expect(await page.inputValue("#reason")).toBe("damaged");
    await screenshot(page, "w04-cn-back-to-choice");
    await page.goBack();
    expect(await page.inputValue("#invoice-no")).toBe(sale.invoice_no);
    await page.goForward();
    await page.goForward();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    await submitOnce(page, { submit: "Submit", result: "Credit note issued", upstream: "/api/ussd/submit/partial-credit-note", shot: "w05-cn-back-after-issued" });
    await page.context().close();
  }, 120_000);

  it("buyer-initiated: the seller found and the lines survive Back; after sending, Back offers no second submit", async () => {
    const page = await phone(ONE.msisdn);
    await openPage(page, `${env.stack.origin}/buyer-initiated/new`);
    await page.fill("#seller", TEST_SELLER.pin);
    await button(page, "Find seller").click();
    await visible(page.getByText(`Seller: ${TEST_SELLER.name}`));
    await page.fill("#seller-phone", "0700000003");
    await button(page, "Continue").click();
    await page.fill("#item-0-name", "Transport to Nakuru");
    await page.fill("#item-0-price", "2500");
    await button(page, "Continue").click();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    await page.goBack();
    expect(await page.inputValue("#item-0-name")).toBe("Transport to Nakuru");
    await page.goBack();
    expect(await page.inputValue("#seller-phone")).toBe("0700000003");
    expect(await page.inputValue("#seller")).toBe(TEST_SELLER.pin);
    await visible(page.getByText(`Seller: ${TEST_SELLER.name}`));
    await screenshot(page, "w06-bi-back-to-seller");
    await page.goForward();
    await page.goForward();
    await submitOnce(page, { submit: "Submit", result: "Invoice sent to the seller", upstream: "/api/ussd/buyer-initiated/submit/invoice", shot: "w07-bi-back-after-sent" });
    await page.context().close();
  }, 120_000);

  // A filed return is filed once: Back shows what KRA has instead of "File" or "Calculate tax" again.
  it.each([
    ["TOT", "en", "/returns/tot", "#gross-sales", TEST_TAXPAYERS[3]],
    ["MRI", "sw", "/returns/mri", "#rental-income", TEST_TAXPAYERS[2]],
  ] as const)("%s (%s): amount survives Back; after filing, Back cannot file again and Forward shows the result", async (name, language, path, field, taxpayer) => {
    const text = language === "en"
      ? { calculate: "Calculate tax", fileOnly: "File only", fileAndPay: "File and pay", already: "Already sent to KRA" }
      : { calculate: "Hesabu kodi", fileOnly: "Wasilisha tu", fileAndPay: "Wasilisha na ulipe", already: "Tayari imetumwa kwa KRA" };
    const page = await phone(taxpayer.msisdn, language === "en" ? "en-KE" : "sw-KE");
    await openPage(page, `${env.stack.origin}${path}`);
    await page.fill(field, "100000");
    await button(page, text.calculate).click();
    await visible(page.getByTestId("tax-due"), 20_000);
    await page.goBack();
    expect(await page.inputValue(field)).toBe("100000");
    await page.goForward();
    await button(page, text.fileOnly).click();
    await visible(page.getByTestId("filed"), 20_000);
    const ack = (await page.getByTestId("filed").textContent())!.match(/[A-Z]*\d{6,}/)![0];
    const filings = env.stack.upstream.receivedOn("/api/ussd/file-return").length;
    await page.goBack();
    await containsText(page.getByTestId("already-submitted"), `${text.already}: ${ack}`);
    expect(await button(page, text.fileOnly).count()).toBe(0);
    expect(await button(page, text.fileAndPay).count()).toBe(0);
    await expectFitsPhone(page);
    await screenshot(page, `w08-${name.toLowerCase()}-back-after-filing-${language}`);
    await page.goBack();
    await visible(page.getByTestId("already-submitted"));
    expect(await button(page, text.calculate).count()).toBe(0);
    await page.goForward();
    await page.goForward();
    await containsText(page.getByTestId("filed"), ack);
    expect(env.stack.upstream.receivedOn("/api/ussd/file-return")).toHaveLength(filings);
    await screenshot(page, `w09-${name.toLowerCase()}-forward-result-${language}`);
    await page.context().close();
  }, 120_000);
});

describe("NIL return: the period is shown, and one not yet ended is refused", () => {
  it.each([["en", "en-KE"], ["sw", "sw-KE"]] as const)("%s", async (language, locale) => {
    const page = await phone(language === "en" ? ONE.msisdn : TWO.msisdn, locale);
    const fileNil = async () => {
      await openPage(page, `${env.stack.origin}/returns/nil`);
      await page.getByLabel(/\(ITR\)/).check();
      await button(page, language === "en" ? "Continue" : "Endelea").click();
    };
    await fileNil();
    await visible(button(page, language === "en" ? "File NIL return" : "Wasilisha ritani ya NIL"), 20_000);
    const confirm = (await page.locator("main .card").first().textContent()) ?? "";
    expect(confirm).toMatch(/\d{2}\/\d{2}\/\d{4} - \d{2}\/\d{2}\/\d{4}/);
    await button(page, language === "en" ? "File NIL return" : "Wasilisha ritani ya NIL").click();
    await visible(page.getByTestId("filed"), 20_000);
    const filings = env.stack.upstream.receivedOn("/api/ussd/file-return").length;
    // The next period KRA offers is the current one: not over, so not filed.
    await fileNil();
    const refusal = page.getByTestId("nil-not-ended");
    await containsText(refusal, language === "en" ? "which has not ended yet" : "ambacho bado hakijaisha", 20_000);
    expect(await page.getByRole("button", { name: language === "en" ? "File NIL return" : "Wasilisha ritani ya NIL" }).count()).toBe(0);
    expect(env.stack.upstream.receivedOn("/api/ussd/file-return")).toHaveLength(filings);
    await expectFitsPhone(page);
    await screenshot(page, `w10-nil-not-ended-${language}`);
    await page.context().close();
  }, 120_000);
});

describe("numbers as people write them (issue 21 item 6)", () => {
  it.each([["en", "en-KE"], ["sw", "sw-KE"]] as const)("%s: grouping commas and spaces; a total over the maximum says why", async (language, locale) => {
    const page = await phone(language === "en" ? TEST_TAXPAYERS[3].msisdn : TEST_TAXPAYERS[4].msisdn, locale);
    await openPage(page, `${env.stack.origin}/sales-invoice`);
    await button(page, language === "en" ? "Continue without a buyer PIN" : "Endelea bila PIN ya mnunuzi").click();
    await page.fill("#item-0-name", "Cement");
    await page.fill("#item-0-quantity", "2");
    await page.fill("#item-0-price", "1,250.50");
    await containsText(page.locator(".total"), "Ksh\u00a02,501.00");
    await page.fill("#item-0-price", "1 500");
    await containsText(page.locator(".total"), "Ksh\u00a03,000.00");
    await button(page, language === "en" ? "Continue" : "Endelea").click();
    await visible(page.getByRole("heading", { name: language === "en" ? "Check and submit" : /./ }).first());
    await containsText(page.locator(".total"), "Ksh\u00a03,000.00");
    await page.goBack();
    await page.fill("#item-0-price", "900,000,000");
    await button(page, language === "en" ? "Continue" : "Endelea").click();
    await containsText(page.getByTestId("total-too-large"), language === "en" ? "The total is over Ksh\u00a01,000,000,000.00" : "Jumla imezidi Ksh\u00a01,000,000,000.00");
    await expectFitsPhone(page);
    await screenshot(page, `w20-total-too-large-${language}`);
    await page.context().close();
  }, 90_000);
});

describe("without JavaScript (issue 21 item 10), and the header over every service (item 9)", () => {
  it.each([["en", "en-KE"], ["sw", "sw-KE"]] as const)("%s: a plain sentence, never an endless Loading…", async (language, locale) => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, locale });
    const page = await context.newPage();
    await page.goto(`${env.stack.origin}/?${new URLSearchParams(await env.stack.signedLink(TEST_TAXPAYERS[language === "en" ? 0 : 1].msisdn))}`);
    await page.locator("form[action='/entry'] button[type=submit]").click();
    await page.waitForURL(`${env.stack.origin}/otp`);
    await page.fill("#otp", OTP);
    await page.locator("form[action='/session/otp'] button").click();
    await page.waitForURL(`${env.stack.origin}/`);
    const noscript = language === "en" ? "This page needs JavaScript" : "Ukurasa huu unahitaji JavaScript";
    for (const path of ["/returns", "/buyer-initiated", "/payments/liabilities", "/sales-invoice", "/checkers/staff"]) {
      await page.goto(`${env.stack.origin}${path}`);
      await containsText(page.getByTestId("noscript"), noscript);
      expect(await page.getByText(language === "en" ? "Loading…" : /Inapakia/).filter({ visible: true }).count(), path).toBe(0);
      expect(await page.locator("header h1").textContent()).toBe(language === "en" ? "KRA on WhatsApp" : "KRA kwenye WhatsApp");
      await expectFitsPhone(page);
    }
    await screenshot(page, `w30-no-js-${language}`);
    await context.close();
  }, 90_000);
});

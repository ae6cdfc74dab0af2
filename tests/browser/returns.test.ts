import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SEEDED_PRNS, TEST_TAXPAYERS } from "../upstream";
import { button, containsText, expectFitsPhone, fileNilInKiswahili, holdScripts, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Returns and payments journeys (issue 10) on a 360 px phone, with screenshots in tests/artifacts.

const [ONE, TWO, THREE, FOUR, FIVE, SIX] = TEST_TAXPAYERS;
const env = useBrowserStack();

async function phoneFor(msisdn: string, shots: string): Promise<Page> {
  const context = await newPhone(env.browser);
  const page = await context.newPage();
  await signInThroughChat(page, env.stack, msisdn, shots);
  return page;
}

/** The PIN stays on the server: not in the page, its storage or its cookies. */
async function expectNoPin(page: Page, pin: string): Promise<void> {
  const client = await page.evaluate(() => [document.documentElement.outerHTML, document.cookie, JSON.stringify(localStorage)].join("\n"));
  expect(client).not.toContain(pin);
}

async function sendPrompt(page: Page, msisdn: string, shot: string): Promise<void> {
  await visible(page.getByTestId("mpesa"), 20_000);
  await containsText(page.getByTestId("mpesa"), "PRN: 11");
  await screenshot(page, `${shot}-prn`);
  await page.getByRole("button", { name: /Send M-Pesa prompt/ }).click();
  await visible(page.getByTestId("mpesa-sent"), 20_000);
  await containsText(page.getByTestId("mpesa-sent"), "Paybill 572572");
  await expectFitsPhone(page);
  await screenshot(page, `${shot}-mpesa`);
  expect(env.stack.upstream.stkPushes().at(-1)!.msisdn).toBe(msisdn);
}

describe("returns and payments on a phone", () => {
  it("NIL return: from home, choose the obligation, confirm, see the acknowledgement", async () => {
    const page = await phoneFor(ONE.msisdn, "r01");
    await page.getByRole("link", { name: /Returns and payments/ }).click();
    await visible(page.getByTestId("obligations").getByText("PAYE", { exact: false }));
    await expectFitsPhone(page);
    await screenshot(page, "r02-returns-home");
    await visible(page.getByTestId("obligations").locator("li"), 20_000);
    await page.getByRole("link", { name: /File a NIL return/ }).click();
    await page.getByLabel(/PAYE/).check();
    await button(page, "Continue").click();
    await visible(page.getByText(/NIL return for .*PAYE/));
    await screenshot(page, "r03-nil-confirm");
    await button(page, "File NIL return").click();
    await containsText(page.getByTestId("filed"), "Acknowledgement number:", 20_000);
    await expectFitsPhone(page);
    await screenshot(page, "r04-nil-filed");
    await expectNoPin(page, ONE.pin);
    await page.context().close();
  }, 90_000);

  it("NIL return for VAT: the upstream's refusal becomes a plain sentence", async () => {
    const page = await phoneFor(FIVE.msisdn, "r05");
    await openPage(page, `${env.stack.origin}/returns/nil`);
    await page.getByLabel(/VAT|Value Added Tax/).check();
    await button(page, "Continue").click();
    await visible(page.getByText(/A VAT return cannot be filed as NIL here/));
    await screenshot(page, "r06-nil-vat");
    await page.context().close();
  }, 90_000);

  it("TOT: gross sales, calculate, file and pay, M-Pesa prompt to the taxpayer's own phone", async () => {
    const page = await phoneFor(TWO.msisdn, "r10");
    await openPage(page, `${env.stack.origin}/returns/tot`);
    await page.fill("#gross-sales", "100000");
    await button(page, "Calculate tax").click();
    await containsText(page.getByTestId("tax-due"), "1,500.00", 20_000);
    await screenshot(page, "r11-tot-calculated");
    await button(page, "File and pay").click();
    await containsText(page.getByTestId("filed"), "Acknowledgement number:", 20_000);
    await sendPrompt(page, TWO.msisdn, "r12-tot");
    await expectNoPin(page, TWO.pin);
    await page.context().close();
  }, 90_000);

  it("TOT: a malformed amount is refused; pay only asks for a PRN without filing", async () => {
    const page = await phoneFor(TWO.msisdn, "r13");
    await openPage(page, `${env.stack.origin}/returns/tot`);
    await page.fill("#gross-sales", "100000.123");
    await button(page, "Calculate tax").click();
    await visible(page.getByText("Please check this value."));
    await page.fill("#gross-sales", "100000");
    await button(page, "Calculate tax").click();
    await containsText(page.getByTestId("tax-due"), "1,500.00", 20_000);
    const filings = env.stack.upstream.receivedOn("/api/ussd/file-return").length;
    await button(page, "Pay only").click();
    await button(page, "Get PRN").click();
    await sendPrompt(page, TWO.msisdn, "r14-tot-pay-only");
    expect(JSON.parse(env.stack.upstream.receivedOn("/api/ussd/generate-prn").at(-1)!.body)).toMatchObject({ amount: "1500" });
    expect(env.stack.upstream.receivedOn("/api/ussd/file-return")).toHaveLength(filings);
    expect(await page.getByTestId("filed").count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it("keeps what a taxpayer typed and chose before the page's script arrived (a slow network)", async () => {
    const page = await phoneFor(TWO.msisdn, "r15");
    const releaseScripts = await holdScripts(page);
    await page.goto(`${env.stack.origin}/returns/tot`, { waitUntil: "commit" });
    await page.fill("#gross-sales", "100000", { timeout: 20_000 });
    await page.getByLabel("Daily").check(); // a choice, too: hydration sets `checked` from the page's state again
    releaseScripts();
    await page.waitForLoadState("networkidle");
    expect(await page.inputValue("#gross-sales")).toBe("100000");
    expect(await page.getByLabel("Daily").isChecked()).toBe(true);
    await button(page, "Calculate tax").click();
    await containsText(page.getByTestId("tax-due"), "1,500.00", 20_000);
    const calculated = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/file-return").at(-1)!.body);
    expect(calculated).toMatchObject({ filingCycle: "D", taxable_amount: "100000" });
    await screenshot(page, "r15-typed-before-hydration");
    await page.context().close();
  }, 90_000);

  it("MRI: properties, rental income, calculate, file and pay", async () => {
    const page = await phoneFor(THREE.msisdn, "r20");
    await openPage(page, `${env.stack.origin}/returns/mri`);
    await visible(page.getByTestId("properties").locator("li"));
    expect(await page.getByTestId("properties").locator("li").count()).toBe(2);
    await page.fill("#rental-income", "50000");
    await button(page, "Calculate tax").click();
    await containsText(page.getByTestId("tax-due"), "3,750.00", 20_000);
    await screenshot(page, "r21-mri-calculated");
    await button(page, "File and pay").click();
    await containsText(page.getByTestId("filed"), "Acknowledgement number:", 20_000);
    await sendPrompt(page, THREE.msisdn, "r22-mri");
    await expectNoPin(page, THREE.pin);
    await page.context().close();
  }, 90_000);

  it("what I owe: principal, penalty, interest and total; pay one", async () => {
    const page = await phoneFor(TWO.msisdn, "r30");
    await openPage(page, `${env.stack.origin}/payments/liabilities`);
    await visible(page.getByTestId("liabilities"));
    await containsText(page.getByTestId("liabilities"), "Penalty");
    await containsText(page.getByTestId("liabilities"), "2,515.00");
    await expectFitsPhone(page);
    await screenshot(page, "r31-owe");
    await page.getByRole("button", { name: /^Pay / }).first().click();
    await button(page, "Get PRN").click();
    await sendPrompt(page, TWO.msisdn, "r32-owe");
    expect(env.stack.upstream.stkPushes().at(-1)!.amount).toBe(2515);
    await page.context().close();
  }, 90_000);

  it("eSlip: the PRN is unchecked until the M-Pesa prompt, and a wrong one is corrected in place", async () => {
    const page = await phoneFor(ONE.msisdn, "r40");
    await openPage(page, `${env.stack.origin}/payments/eslip`);
    const pushesBefore = env.stack.upstream.receivedOn("/api/ussd/make-payment").length;
    await page.fill("#prn", "bad!");
    await page.getByRole("button", { name: /Send M-Pesa prompt/ }).click();
    await visible(page.getByText("Please check this value."));
    expect(env.stack.upstream.receivedOn("/api/ussd/make-payment")).toHaveLength(pushesBefore);
    // Issue 21 item 2: a made-up PRN is never "your payment reference", nor offered to WhatsApp.
    await page.fill("#prn", "1120259999999999");
    await containsText(page.getByTestId("eslip-unchecked"), "KRA checks this number only when it sends the M-Pesa prompt");
    const text = await page.locator("main").textContent();
    expect(text).not.toMatch(/payment reference|Keep this PRN/);
    expect(await page.getByRole("button", { name: /WhatsApp/ }).count()).toBe(0);
    await page.getByRole("button", { name: /Send M-Pesa prompt/ }).click();
    await containsText(page.locator("#prn-error"), "KRA does not know this PRN. Correct it here and send again.", 20_000);
    expect(await page.inputValue("#prn")).toBe("1120259999999999");
    expect(await page.locator("main").textContent()).not.toContain("Invalid PRN");
    await expectFitsPhone(page);
    await screenshot(page, "r41-eslip-refused");
    await page.fill("#prn", SEEDED_PRNS[0].prn);
    await page.getByRole("button", { name: /Send M-Pesa prompt/ }).click();
    await visible(page.getByTestId("mpesa-sent"), 20_000);
    await containsText(page.getByTestId("mpesa-sent"), `PRN: ${SEEDED_PRNS[0].prn}`);
    await containsText(page.getByTestId("mpesa-sent"), "Paybill 572572");
    await expectFitsPhone(page);
    await screenshot(page, "r41-eslip-mpesa");
    expect(env.stack.upstream.stkPushes().at(-1)).toMatchObject({ msisdn: ONE.msisdn, prn: SEEDED_PRNS[0].prn });
    await page.context().close();
  }, 90_000);

  it("Housing Levy: month and amount, PRN, M-Pesa", async () => {
    const page = await phoneFor(ONE.msisdn, "r50");
    await openPage(page, `${env.stack.origin}/payments/levy`);
    await page.fill("#levy-month", "2025-10");
    await page.fill("#levy-amount", "1500");
    await button(page, "Continue").click();
    await button(page, "Get PRN").click();
    await sendPrompt(page, ONE.msisdn, "r51-ahl");
    const prn = env.stack.upstream.receivedOn("/api/ussd/generate-prn").at(-1)!;
    expect(JSON.parse(prn.body)).toMatchObject({ obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "1500" });
    await page.context().close();
  }, 90_000);

  it("in Kiswahili: a NIL return", async () => {
    const page = await phoneFor(FOUR.msisdn, "r60");
    await fileNilInKiswahili(page);
    await screenshot(page, "r61-sw-nil-filed");
    await page.context().close();
  }, 90_000);

  it("a taxpayer without a PIN is told so plainly", async () => {
    const page = await phoneFor(SIX.msisdn, "r70");
    await openPage(page, `${env.stack.origin}/returns`);
    await containsText(page.getByTestId("no-pin"), "We have no KRA PIN for this number");
    await screenshot(page, "r71-no-pin");
    await page.context().close();
  }, 90_000);
});

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { IMPORT_CERTIFICATES, KRA_STAFF, SEEDED_INVOICE, SEEDED_TCCS, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import { button, containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 11 journeys on a 360 px phone, with screenshots in tests/artifacts: each checker,
// a TCC application, and a seller accepting several buyer-initiated invoices at once.

const [ONE, , , FOUR, , SIX] = TEST_TAXPAYERS;
const env = useBrowserStack();

async function phoneFor(msisdn: string, shots: string, locale?: string): Promise<Page> {
  const page = await (await newPhone(env.browser, { locale })).newPage();
  await signInThroughChat(page, env.stack, msisdn, shots);
  return page;
}

const open = (page: Page, path: string) => openPage(page, `${env.stack.origin}${path}`);

/** Types into the checker's fields, checks, and waits for the record. */
async function check(page: Page, values: Record<string, string>, shot: string): Promise<void> {
  for (const [id, value] of Object.entries(values)) await page.fill(`#${id}`, value);
  await button(page, "Check").click();
  await visible(page.getByTestId("checker-result"), 20_000);
  await expectFitsPhone(page);
  await screenshot(page, shot);
}

describe("checkers on a phone", () => {
  it("home groups the services; the PIN checker names the taxpayer and the tax station", async () => {
    const page = await phoneFor(ONE.msisdn, "c01");
    for (const group of ["eTIMS", "Taxes and certificates", "Checkers", "My PIN", "Help"]) await visible(page.getByRole("heading", { name: group, exact: true }));
    await visible(page.locator("a[href='/my-pin']"));
    await expectFitsPhone(page);
    await screenshot(page, "c02-home-groups");
    await page.getByRole("link", { name: /^Check a record/ }).click();
    // One card per page (issue 21 item 9): the PIN checker also names the tax station.
    await visible(page.getByRole("link", { name: /PIN checker and tax station/ }));
    const targets = await page.locator(".services a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(new Set(targets).size).toBe(targets.length);
    await expectFitsPhone(page);
    await screenshot(page, "c02-checkers-list");
    await page.getByRole("link", { name: /PIN checker and tax station/ }).click();
    await page.waitForURL(`${env.stack.origin}/checkers/pin`);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "c03-pin-checker");
    await page.fill("#pin_number", "A00000000");
    await button(page, "Check").click();
    await visible(page.getByText("Please check this value."));
    expect(env.stack.upstream.receivedOn("/api/taxpayer/pin-checker")).toEqual([]);
    await check(page, { pin_number: TEST_SELLER.pin.toLowerCase() }, "c04-pin-found");
    await containsText(page.getByTestId("checker-result"), TEST_SELLER.name);
    await containsText(page.getByTestId("checker-result"), "Thika");
    await containsText(page.getByTestId("checker-result"), "This PIN is valid.");
    await page.fill("#pin_number", "A999999999Z");
    await button(page, "Check").click();
    await containsText(page.getByTestId("checker-missing"), "KRA does not know this PIN.", 20_000);
    await screenshot(page, "c05-pin-not-found");
    await page.context().close();
  }, 90_000);

  it("staff, TCC, import certificate and invoice number checkers", async () => {
    const page = await phoneFor(ONE.msisdn, "c10");
    await open(page, "/checkers/staff");
    await check(page, { national_id: KRA_STAFF[0].IDNUMBER }, "c11-staff");
    await containsText(page.getByTestId("checker-result"), "DOMESTIC TAXES");
    await open(page, "/checkers/tcc");
    await check(page, { kra_pin: SEEDED_TCCS[0].kraPin, tcc_number: SEEDED_TCCS[0].tccNo }, "c12-tcc");
    await containsText(page.getByTestId("checker-result"), "Active");
    await open(page, "/checkers/import-certificate");
    await check(page, { certificate_no: IMPORT_CERTIFICATES[0].certiNo.toLowerCase() }, "c13-import-certificate");
    await containsText(page.getByTestId("checker-result"), "Valid");
    await open(page, "/checkers/invoice");
    await check(page, { invoice_number: SEEDED_INVOICE.number }, "c14-invoice");
    await containsText(page.getByTestId("checker-result"), SEEDED_INVOICE.supplierName);
    await containsText(page.getByTestId("checker-result"), "Ksh\u00a011,600.00");
    await containsText(page.getByTestId("checker-result"), "Ksh\u00a01,600.00");
    await containsText(page.getByTestId("checker-result"), "30/11/2026");
    await page.context().close();
  }, 90_000);

  it("in Kiswahili", async () => {
    const page = await phoneFor(ONE.msisdn, "c20", "sw-KE");
    await open(page, "/checkers/pin");
    await visible(page.getByRole("heading", { name: "Kikaguzi cha PIN na kituo cha kodi" }));
    await page.fill("#pin_number", TEST_SELLER.pin);
    await button(page, "Kagua").click();
    await containsText(page.getByTestId("checker-result"), "Thika", 20_000);
    await screenshot(page, "c21-sw-pin-found");
    await page.context().close();
  }, 90_000);
});

describe("TCC application on a phone", () => {
  it("the taxpayer picks a reason and gets a TCC number; the PIN sent is the session's", async () => {
    const page = await phoneFor(FOUR.msisdn, "c30");
    await page.getByRole("link", { name: /Apply for a TCC/ }).click();
    await page.waitForURL(`${env.stack.origin}/tcc`);
    await page.waitForLoadState("networkidle");
    await button(page, "Apply for TCC").click();
    await visible(page.getByText("Please fill in this field."));
    await page.getByLabel("Tender").check();
    await expectFitsPhone(page);
    await screenshot(page, "c31-tcc-reason");
    await button(page, "Apply for TCC").click();
    await containsText(page.getByTestId("tcc-done"), "TCC number: KRATCC", 20_000);
    await expectFitsPhone(page);
    await screenshot(page, "c32-tcc-done");
    const sent = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/tcc-application").at(-1)!.body);
    expect(sent).toEqual({ reason_for_tcc: "TENDER", tax_payer_pin: FOUR.pin });
    expect(await page.content()).not.toContain(FOUR.pin);
    await page.context().close();
  }, 90_000);

  it("a taxpayer who owes tax reads KRA's reason; one without a PIN is not offered the TCC", async () => {
    const page = await phoneFor(ONE.msisdn, "c40");
    await open(page, "/tcc");
    await page.getByLabel("Loan").check();
    await button(page, "Apply for TCC").click();
    await visible(page.getByText(/unpaid tax/), 20_000);
    await screenshot(page, "c41-tcc-refused");
    await page.context().close();
    const noPin = await phoneFor(SIX.msisdn, "c42");
    await visible(noPin.getByRole("link", { name: /^Check a record/ }));
    expect(await noPin.getByRole("link", { name: /Apply for a TCC|Returns and payments/ }).count()).toBe(0);
    await screenshot(noPin, "c43-home-no-pin");
    await noPin.context().close();
  }, 90_000);
});

describe("buyer-initiated: several at once", () => {
  it("the seller selects invoices awaiting approval and accepts them together, then reads which succeeded", async () => {
    const buyer = await env.stack.signIn(ONE.msisdn);
    const items = [{ item_name: "Maize", taxable_amount: 100, quantity: 2 }];
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = { seller_pin: TEST_SELLER.pin, seller_msisdn: TEST_SELLER.msisdn, total_amount: 200, items };
      references.push((await (await buyer.api("POST", "/buyer-initiated/submit/invoice", { json: body })).json()).invoice_no);
    }
    const page = await phoneFor(TEST_SELLER.msisdn, "c50");
    await open(page, "/buyer-initiated?actor=supplier&status=awaiting_approval");
    for (const reference of references) await visible(page.getByText(reference, { exact: true }));
    await page.getByLabel("Select all awaiting approval").check();
    await containsText(page.getByTestId("bulk"), "selected");
    await expectFitsPhone(page);
    await screenshot(page, "c51-bulk-selected");
    env.stack.upstream.clearReceived();
    // The upstream fails the first one: the summary says which did not go through.
    env.stack.upstream.addFault({ fault: { kind: "html503" }, path: "/api/ussd/buyer-initiated/action/submit", times: 1 });
    await button(page, "Accept selected").click();
    await containsText(page.getByTestId("bulk-confirm"), "Accept the 3 selected invoices? This cannot be undone.");
    await button(page, "Yes, accept them").click();
    await visible(page.getByTestId("bulk-summary"), 30_000);
    const selected = await page.getByTestId("bulk-summary").locator("li").allTextContents();
    expect(selected).toHaveLength(3);
    await containsText(page.getByTestId("bulk-summary"), "2 of 3 done.");
    await expectFitsPhone(page);
    await screenshot(page, "c52-bulk-summary");
    const actions = env.stack.upstream.receivedOn("/api/ussd/buyer-initiated/action/submit").map((request) => JSON.parse(request.body));
    expect(actions).toHaveLength(3);
    for (const action of actions) expect(action).toMatchObject({ action: "accept", msisdn: TEST_SELLER.msisdn });
    expect(new Set(actions.map((action) => action.invoice))).toEqual(new Set(selected.map((text) => text.split(":")[0])));
    await page.context().close();
  }, 120_000);
});

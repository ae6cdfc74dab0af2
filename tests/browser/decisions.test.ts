import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import { button, containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 21 item 5, at 360 px: rejecting is confirmed first (the upstream takes no reason: UPSTREAM.md
// §5.3), one invoice or several; the badge follows the decision; Accepted and Rejected look different.

const [BUYER] = TEST_TAXPAYERS;
const env = useBrowserStack();
const ACTIONS = "/api/ussd/buyer-initiated/action/submit";
const invoices: string[] = [];

beforeAll(async () => {
  env.stack.upstream.registerTaxpayer(TEST_SELLER.msisdn, TEST_SELLER.name);
  const buyer = await env.stack.signIn(BUYER.msisdn);
  for (const amount of [100, 200, 300, 400]) {
    const response = await buyer.api("POST", "/buyer-initiated/submit/invoice", {
      json: { seller_pin: TEST_SELLER.pin, total_amount: amount, items: [{ item_name: `Delivery ${amount}`, taxable_amount: amount, quantity: 1 }] },
    });
    invoices.push(((await response.json()) as { invoice_no: string }).invoice_no);
  }
  expect(invoices.every((invoice) => /^BI-/.test(invoice))).toBe(true);
}, 60_000);

async function seller(locale: string): Promise<Page> {
  const page = await (await newPhone(env.browser, { locale })).newPage();
  await signInThroughChat(page, env.stack, TEST_SELLER.msisdn);
  return page;
}

const badge = (page: Page, invoice: string) => page.locator("li", { hasText: invoice }).locator(".status");
const colours = (page: Page, invoice: string) => badge(page, invoice).evaluate((element) => {
  const style = getComputedStyle(element);
  return `${style.backgroundColor} / ${style.color}`;
});

describe("deciding buyer-initiated invoices", () => {
  it("rejects one invoice only after confirming; the badge says Rejected, in another colour than Accepted", async () => {
    const [rejected, , , accepted] = invoices;
    const page = await seller("en-KE");
    await openPage(page, `${env.stack.origin}/buyer-initiated/${rejected}?actor=supplier`);
    await containsText(page.getByTestId("invoice-status"), "Awaiting approval", 20_000);
    const before = env.stack.upstream.receivedOn(ACTIONS).length;
    await button(page, "Reject invoice").click();
    await containsText(page.getByTestId("confirm-decision"), `Reject invoice ${rejected}? This cannot be undone.`);
    expect(env.stack.upstream.receivedOn(ACTIONS)).toHaveLength(before);
    await expectFitsPhone(page);
    await screenshot(page, "d01-reject-confirm");
    // "No, go back" sends nothing and offers both decisions again.
    await button(page, "No, go back").click();
    await visible(button(page, "Accept invoice"));
    expect(env.stack.upstream.receivedOn(ACTIONS)).toHaveLength(before);
    await button(page, "Reject invoice").click();
    await button(page, "Yes, reject it").click();
    await visible(page.getByText("You rejected this invoice."));
    await containsText(page.getByTestId("invoice-status"), "Rejected");
    expect(await page.getByTestId("invoice-status").getAttribute("data-status")).toBe("rejected");
    expect(await button(page, "Reject invoice").count()).toBe(0);
    expect(JSON.parse(env.stack.upstream.receivedOn(ACTIONS).at(-1)!.body)).toEqual({ action: "reject", invoice: rejected, msisdn: TEST_SELLER.msisdn });
    await screenshot(page, "d02-rejected");

    await openPage(page, `${env.stack.origin}/buyer-initiated/${accepted}?actor=supplier`);
    await button(page, "Accept invoice").click();
    await button(page, "Yes, accept it").click();
    await containsText(page.getByTestId("invoice-status"), "Accepted");

    await openPage(page, `${env.stack.origin}/buyer-initiated?actor=supplier`);
    await visible(page.locator("li", { hasText: accepted }), 20_000);
    await containsText(badge(page, rejected), "Rejected");
    await containsText(badge(page, accepted), "Accepted");
    await containsText(badge(page, invoices[1]), "Awaiting approval");
    const shown = new Set([await colours(page, rejected), await colours(page, accepted), await colours(page, invoices[1])]);
    expect(shown.size).toBe(3);
    await expectFitsPhone(page);
    await screenshot(page, "d03-badges");
    await page.context().close();
  }, 120_000);

  it("in Kiswahili: rejects several at once after confirming; their badges follow", async () => {
    const [, first, second] = invoices;
    const page = await seller("sw-KE");
    await openPage(page, `${env.stack.origin}/buyer-initiated?actor=supplier&status=awaiting_approval`);
    await visible(page.locator("li", { hasText: first }), 20_000);
    await page.getByLabel(`Chagua ${first}`).check();
    await page.getByLabel(`Chagua ${second}`).check();
    const before = env.stack.upstream.receivedOn(ACTIONS).length;
    await button(page, "Kataa zilizochaguliwa").click();
    await containsText(page.getByTestId("bulk-confirm"), "Ukatae ankara 2 zilizochaguliwa? Hili haliwezi kutenduliwa.");
    expect(env.stack.upstream.receivedOn(ACTIONS)).toHaveLength(before);
    await expectFitsPhone(page);
    await screenshot(page, "d04-bulk-reject-confirm-sw");
    await button(page, "Ndiyo, zikatae").click();
    await containsText(page.getByTestId("bulk-summary"), "2 kati ya 2 zimekamilika.", 20_000);
    const sent = env.stack.upstream.receivedOn(ACTIONS).slice(before).map((request) => JSON.parse(request.body));
    expect(sent).toEqual([first, second].map((invoice) => ({ action: "reject", invoice, msisdn: TEST_SELLER.msisdn })));
    // The listing is fetched again: both now say rejected (all statuses, so they are still shown).
    await openPage(page, `${env.stack.origin}/buyer-initiated?actor=supplier`);
    await containsText(badge(page, first), "Zimekataliwa", 20_000);
    await containsText(badge(page, second), "Zimekataliwa");
    expect(await badge(page, first).getAttribute("data-status")).toBe("rejected");
    await screenshot(page, "d05-bulk-rejected-sw");
    await page.context().close();
  }, 120_000);
});

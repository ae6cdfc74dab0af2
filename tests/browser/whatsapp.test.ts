import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";
import { signFlowBody } from "../support/whatsapp-flows";
import { button, checkMobileLayout, containsText, fileNilInKiswahili, launchChromium, newPhone, screenshot, signInThroughChat, visible } from "./support";

// "Send to my WhatsApp" on an invoice, in a phone's WebView: sent, then the 24-hour window closed.
const [ONE, TWO, , FOUR] = TEST_TAXPAYERS;
const WEBHOOK_ENV = { NITRO_WHATSAPP_APP_SECRET: randomBytes(16).toString("hex"), NITRO_WHATSAPP_VERIFY_TOKEN: randomBytes(16).toString("hex") };
let stack: Stack;
let off: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, off] = await Promise.all([startStack({ whatsapp: true, env: WEBHOOK_ENV }), startStack()]);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await off?.stop();
});

async function issueInvoice(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/sales-invoice`);
  await button(page, "Continue without a buyer PIN").click();
  await page.fill("#item-0-name", "Maize flour 2kg");
  await page.fill("#item-0-price", "150");
  await button(page, "Continue").click();
  await visible(page.getByRole("heading", { name: "Check and submit" }));
  await button(page, "Submit").click();
  await visible(page.getByText("Invoice created"));
}

describe("send to my WhatsApp", () => {
  it("sends the invoice to the taxpayer's own WhatsApp, and says plainly when the 24-hour window is closed", async () => {
    const page = await (await newPhone(browser)).newPage();
    await signInThroughChat(page, stack, ONE.msisdn);
    await issueInvoice(page, stack.origin);
    await screenshot(page, "wa-01-invoice");
    await button(page, "Send to my WhatsApp").click();
    await containsText(page.locator("[data-testid=whatsapp-send]"), "Sent. Look for it in your WhatsApp chat with KRA.");
    expect(await checkMobileLayout(page)).toEqual({ overflow: 0, smallTargets: [], unlabelled: [] });
    await screenshot(page, "wa-02-sent");
    const [message] = stack.whatsapp!.cloud.sent();
    expect(message).toMatchObject({ to: ONE.msisdn, filename: expect.stringMatching(/^Invoice-INV[A-Z]{7}\.pdf$/) });
    expect(message.pdf.subarray(0, 5).toString()).toBe("%PDF-");

    stack.whatsapp!.cloud.closeWindow(ONE.msisdn);
    await issueInvoice(page, stack.origin);
    await button(page, "Send to my WhatsApp").click();
    await containsText(page.locator("[role=alert]"), "Tap the latest link in the chat again");
    await screenshot(page, "wa-03-window-closed");
    expect(await page.content()).not.toContain(stack.whatsapp!.accessToken);
  });

  it("in Kiswahili, sends a NIL return's acknowledgement (a PDF the gateway draws)", async () => {
    const page = await (await newPhone(browser)).newPage();
    await signInThroughChat(page, stack, FOUR.msisdn);
    await fileNilInKiswahili(page);
    await button(page, "Tuma kwa WhatsApp yangu").click();
    await containsText(page.locator("[data-testid=whatsapp-send]"), "Imetumwa.");
    expect(await checkMobileLayout(page)).toEqual({ overflow: 0, smallTargets: [], unlabelled: [] });
    await screenshot(page, "wa-04-sw-acknowledgement-sent");
    const message = stack.whatsapp!.cloud.sent().at(-1)!;
    expect(message).toMatchObject({ to: FOUR.msisdn, filename: expect.stringMatching(/^Acknowledgement-KRA\d+\.pdf$/) });
    // The note is drawn in the page's language (the language switch's cookie reaches the send call).
    expect(message.pdf.toString("latin1")).toContain("(Nambari ya uthibitisho: KRA");
    expect(message.pdf.toString("latin1")).not.toContain("Acknowledgement number");
  }, 60_000);

  it("says on the next look that a sent document was not delivered, when Meta's webhook reports it failed (131047)", async () => {
    const page = await (await newPhone(browser)).newPage();
    await signInThroughChat(page, stack, TWO.msisdn);
    await issueInvoice(page, stack.origin);
    await button(page, "Send to my WhatsApp").click();
    await containsText(page.locator("[data-testid=whatsapp-send]"), "Sent.");
    const { id } = stack.whatsapp!.cloud.sent().at(-1)!;
    const statuses = [{ id, status: "failed", recipient_id: TWO.msisdn, errors: [{ code: 131047 }] }];
    const body = JSON.stringify({ object: "whatsapp_business_account", entry: [{ changes: [{ field: "messages", value: { statuses } }] }] });
    const notified = await fetch(`${stack.gateway.url}/whatsapp/webhook`, {
      method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": signFlowBody(WEBHOOK_ENV.NITRO_WHATSAPP_APP_SECRET, body) },
    });
    expect(notified.status).toBe(200);
    await issueInvoice(page, stack.origin);
    await containsText(page.locator("[data-testid=whatsapp-send]"), "Your last document was not delivered: tap the chat's latest link");
    await screenshot(page, "wa-05-not-delivered");
  });

  it("has no button when the feature is off", async () => {
    const page = await (await newPhone(browser)).newPage();
    await signInThroughChat(page, off, ONE.msisdn);
    await issueInvoice(page, off.origin);
    await visible(page.getByRole("link", { name: /Download the invoice/ }));
    expect(await button(page, "Send to my WhatsApp").count()).toBe(0);
  });
});

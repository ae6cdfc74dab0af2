import type { BrowserContext, Page, Response } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { OTHER_PARTIES, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import { button, chooseKiswahili, containsText, expectFitsPhone, newPhone, openLinkFromChat, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

const [ONE, TWO] = TEST_TAXPAYERS;
const BUYER = OTHER_PARTIES.find((party) => party.pin === "A000000008H")!;
const env = useBrowserStack();
beforeAll(() => env.stack.upstream.registerTaxpayer(TEST_SELLER.msisdn, TEST_SELLER.name));

/** Everything a page could leak: its DOM, its storage, every response it received. */
async function watchLeaks(context: BrowserContext) {
  const bodies: string[] = [];
  const pending: Promise<unknown>[] = [];
  context.on("response", (response: Response) => {
    if (!/json|html|javascript|text/.test(response.headers()["content-type"] ?? "")) return;
    pending.push(response.text().then((text) => bodies.push(text), () => {}));
  });
  return async (page: Page) => {
    const client = await page.evaluate(() => [document.documentElement.outerHTML, document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join("\n"));
    // Every body read started so far must have finished, or a late one would escape the scan.
    for (let awaited = 0; awaited < pending.length;) {
      const batch = pending.slice(awaited);
      awaited += batch.length;
      await Promise.all(batch);
    }
    return `${client}\n${bodies.join("\n")}`;
  };
}

describe("a taxpayer on a phone", () => {
  it("opens the WhatsApp link from another site, signs in with the OTP, issues a sales invoice, downloads it, signs out", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    const collectLeaks = await watchLeaks(context);
    await signInThroughChat(page, env.stack, ONE.msisdn, "01");
    await expectFitsPhone(page);
    await containsText(page.locator("main"), ONE.name);
    await containsText(page.locator("main"), "2547******01");
    await screenshot(page, "02-home");

    await page.getByRole("link", { name: /Create a sales invoice/ }).click();
    await page.fill("#buyer", BUYER.pin.toLowerCase());
    await button(page, "Find buyer").click();
    await visible(page.getByText(`Buyer: ${BUYER.name}`));
    await screenshot(page, "03-sale-buyer");
    await button(page, "Continue").click();
    await page.fill("#item-0-name", "Maize flour 2kg");
    await page.fill("#item-0-quantity", "2");
    await page.fill("#item-0-price", "150");
    await button(page, "Add another item").click();
    await page.fill("#item-1-name", "Sugar");
    await page.fill("#item-1-price", "199.50");
    await containsText(page.locator(".total"), "499.50");
    await expectFitsPhone(page);
    await screenshot(page, "04-sale-items");
    await button(page, "Continue").click();
    await visible(page.getByRole("heading", { name: "Check and submit" }));
    await screenshot(page, "05-sale-review");
    await button(page, "Submit").click();
    await visible(page.getByText("Invoice created"));
    await screenshot(page, "06-sale-done");
    const sent = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/post-sale").at(-1)!.body);
    expect(sent).toMatchObject({ msisdn: ONE.msisdn, customer_pin: BUYER.pin, total_amount: 499.5 });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the invoice/ }).click()]);
    expect(await download.failure()).toBeNull();
    const pdf = await (await import("node:fs/promises")).readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    const session = (await context.cookies()).find((cookie) => cookie.name === "__Host-session")!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/", domain: "localhost" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("__Host-session");

    await page.goto(`${env.stack.origin}/`);
    await button(page, "Sign out").click();
    await page.waitForURL(/\/session-ended\?reason=signed_out/);
    await visible(page.getByText("You have signed out"));
    await screenshot(page, "07-signed-out");
    await page.goBack();
    await page.waitForLoadState("networkidle");
    const afterBack = await page.content();
    expect(afterBack).not.toContain(ONE.name);
    expect(afterBack).not.toContain("2547******01");
    await visible(page.getByText(/Open the link from WhatsApp|You have signed out/));

    const everything = await collectLeaks(page);
    // The scan saw the JSON answers, not only the page (the buyer lookup's: the invoice page reuses home's session view, issue 22).
    expect(everything).toContain(`"name":"${BUYER.name}"`);
    for (const secret of [env.stack.apiKey, env.stack.linkSecret, ...env.stack.upstream.tokensIssued(), session.value]) {
      expect(everything.includes(secret), "a secret reached the browser").toBe(false);
    }
    // The taxpayer's own number arrives in their own link; nobody else's ever does.
    for (const other of TEST_TAXPAYERS.filter((t) => t.msisdn !== ONE.msisdn)) {
      expect(everything.includes(other.msisdn), "another taxpayer's number reached the browser").toBe(false);
    }
    await context.close();
  }, 90_000);

  it("without JavaScript, the landing page still signs in through its button", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${env.stack.origin}/?${new URLSearchParams(await env.stack.signedLink(TWO.msisdn))}`);
    await screenshot(page, "00-landing-no-js");
    await expectFitsPhone(page);
    await button(page, "Continue").click();
    await page.waitForURL(`${env.stack.origin}/otp`);
    await page.fill("#otp", "WRONG1");
    await page.locator("form[action='/session/otp'] button").click();
    await page.waitForURL(/\/otp\?error=invalid_otp/);
    await containsText(page.getByRole("alert").first(), "That code is not correct");
    await screenshot(page, "01-otp-error");
    await page.fill("#otp", "OTPXYZ");
    await page.locator("form[action='/session/otp'] button").click();
    await page.waitForURL(`${env.stack.origin}/`);
    await containsText(page.locator("main"), TWO.name);
    await context.close();
  }, 60_000);

  it("lands on the session-ended page when the session ends mid-journey", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, TWO.msisdn);
    await page.getByRole("link", { name: /Create a sales invoice/ }).click();
    await page.fill("#buyer", BUYER.pin);
    env.stack.upstream.revokeTokens(TWO.msisdn);
    await button(page, "Find buyer").click();
    await page.waitForURL(/\/session-ended\?reason=session_expired/);
    await visible(page.getByText("Ask KRA's WhatsApp chat for a new link"));
    await screenshot(page, "08-session-ended");
    await page.goto(`${env.stack.origin}/sales-invoice`);
    await page.waitForURL(/\/session-ended/);
    await context.close();
  }, 60_000);

  it("buyer-initiated: the buyer raises an invoice, the seller finds it, views it and accepts it", async () => {
    const buyer = await newPhone(env.browser);
    const buyerPage = await buyer.newPage();
    await signInThroughChat(buyerPage, env.stack, ONE.msisdn);
    await buyerPage.getByRole("link", { name: /Buyer-initiated invoices/ }).click();
    await buyerPage.getByRole("link", { name: "New invoice to a seller" }).click();
    await buyerPage.fill("#seller", TEST_SELLER.pin);
    // Issue 21 item 5: under "Seller's KRA PIN" the button finds a seller, and says so.
    expect(await button(buyerPage, "Find buyer").count()).toBe(0);
    await button(buyerPage, "Find seller").click();
    await visible(buyerPage.getByText(`Seller: ${TEST_SELLER.name}`));
    await buyerPage.fill("#seller-phone", `0${TEST_SELLER.msisdn.slice(3)}`);
    await screenshot(buyerPage, "09-bi-seller");
    await button(buyerPage, "Continue").click();
    await buyerPage.fill("#item-0-name", "Transport to Nakuru");
    await buyerPage.fill("#item-0-price", "2500");
    await button(buyerPage, "Continue").click();
    await button(buyerPage, "Submit").click();
    await visible(buyerPage.getByText("Invoice sent to the seller"));
    await screenshot(buyerPage, "09-bi-sent");
    const reference = (await buyerPage.locator("main p").first().textContent())!.split(": ").pop()!.trim();
    expect(reference).toMatch(/^BI-/);
    await buyerPage.getByRole("link", { name: /Invoices I created/ }).click();
    await visible(buyerPage.getByText(reference));
    await screenshot(buyerPage, "10-bi-list-buyer");
    await buyer.close();

    const seller = await newPhone(env.browser);
    const sellerPage = await seller.newPage();
    await signInThroughChat(sellerPage, env.stack, TEST_SELLER.msisdn);
    await sellerPage.goto(`${env.stack.origin}/buyer-initiated?actor=supplier`);
    await sellerPage.selectOption("#status", "awaiting_approval");
    await visible(sellerPage.getByText(reference));
    await expectFitsPhone(sellerPage);
    await screenshot(sellerPage, "11-bi-list-seller");
    await sellerPage.locator("li", { hasText: reference }).getByRole("link", { name: "View" }).click();
    await visible(sellerPage.getByText("Transport to Nakuru"));
    await screenshot(sellerPage, "12-bi-view");
    // Irreversible: the first tap only asks; nothing is sent until confirmed.
    const before = env.stack.upstream.receivedOn("/api/ussd/buyer-initiated/action/submit").length;
    await button(sellerPage, "Accept invoice").click();
    await containsText(sellerPage.getByTestId("confirm-decision"), `Accept invoice ${reference}? This cannot be undone.`);
    expect(env.stack.upstream.receivedOn("/api/ussd/buyer-initiated/action/submit")).toHaveLength(before);
    await expectFitsPhone(sellerPage);
    await screenshot(sellerPage, "12-bi-confirm");
    await button(sellerPage, "Yes, accept it").click();
    await visible(sellerPage.getByText("You accepted this invoice."));
    await containsText(sellerPage.getByTestId("invoice-status"), "Accepted");
    expect(await sellerPage.getByTestId("invoice-status").getAttribute("data-status")).toBe("accepted");
    const action = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/buyer-initiated/action/submit").at(-1)!.body);
    expect(action).toEqual({ action: "accept", invoice: reference, msisdn: TEST_SELLER.msisdn });
    await seller.close();
  }, 120_000);

  it("credit note: finds an invoice and credits part of it", async () => {
    const seller = await env.stack.signIn(ONE.msisdn);
    const sale = await (await seller.api("POST", "/post-sale", {
      json: { total_amount: 400, items: [{ item_name: "Soap", taxable_amount: 50, quantity: 4 }, { item_name: "Salt", taxable_amount: 100, quantity: 2 }] },
    })).json();
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, ONE.msisdn);
    await page.getByRole("link", { name: /Issue a credit note/ }).click();
    await page.fill("#invoice-no", "KRASRN000000000/999999");
    await button(page, "Find invoice").click();
    await visible(page.getByText("We could not find an invoice with that number."));
    await expectFitsPhone(page);
    await screenshot(page, "13-cn-search-not-found");
    await page.fill("#invoice-no", sale.invoice_no);
    await button(page, "Find invoice").click();
    await page.getByLabel("Some items").check();
    await expectFitsPhone(page);
    await screenshot(page, "13-cn-choose");
    await page.locator("input[id^=return-]").first().fill("9");
    await button(page, "Continue").click();
    await visible(page.getByText("Choose at least one item and quantity."));
    await page.locator("input[id^=return-]").first().fill("3");
    await page.selectOption("#reason", "damaged");
    await button(page, "Continue").click();
    await screenshot(page, "14-cn-review");
    await button(page, "Submit").click();
    await visible(page.getByText("Credit note issued"));
    await screenshot(page, "15-cn-done");
    const sent = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/submit/partial-credit-note").at(-1)!.body);
    expect(sent).toMatchObject({ msisdn: ONE.msisdn, reason: "damaged", invoice_no: Number(sale.invoice_no.split("/").pop()) });
    expect(sent.items).toEqual([expect.objectContaining({ quantity: 3, item_name: "Soap" })]);
    await context.close();
  }, 90_000);

  it("works in Kiswahili, and remembers only that choice", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await openLinkFromChat(page, env.stack, TWO.msisdn);
    await chooseKiswahili(page);
    await visible(page.getByRole("heading", { name: "Weka nambari yako ya siri" }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sw");
    await screenshot(page, "16-sw-otp");
    await page.fill("#otp", "OTPXYZ");
    await button(page, "Thibitisha").click();
    await page.waitForURL(`${env.stack.origin}/`);
    await visible(page.getByRole("heading", { name: "Ungependa kufanya nini?" }));
    await screenshot(page, "17-sw-home");
    await page.getByRole("link", { name: /Toa hati ya punguzo/ }).click();
    await page.fill("#invoice-no", "bad number!");
    await button(page, "Tafuta ankara").click();
    await visible(page.getByText("Tafadhali kagua thamani hii."));
    await page.reload();
    await visible(page.getByRole("heading", { name: "Hati ya punguzo" }));
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(["__Host-session", "lang"]);
    expect(cookies.find((cookie) => cookie.name === "lang")!.value).toBe("sw");
    await page.goto(`${env.stack.origin}/`);
    await button(page, "Ondoka").click();
    await page.waitForURL(/session-ended/);
    await visible(page.getByText("Umeondoka."));
    await context.close();
  }, 90_000);

  it("explains an upstream failure in a plain sentence, with the request id to quote", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    await signInThroughChat(page, env.stack, TWO.msisdn);
    await page.getByRole("link", { name: /Create a sales invoice/ }).click();
    env.stack.upstream.addFault({ fault: { kind: "html503" }, path: "/api/ussd/buyer-initiated/lookup", times: 1 });
    await page.fill("#buyer", BUYER.pin);
    await button(page, "Find buyer").click();
    const alert = page.getByRole("alert").filter({ hasText: "not available right now" });
    await visible(alert);
    const text = (await alert.textContent()) ?? "";
    const reference = /Reference: ([A-Za-z0-9._-]{8,64})/.exec(text)?.[1];
    expect(reference).toBeTruthy();
    expect(env.stack.gateway.logLines().some((line) => line.requestId === reference && line.status === 502)).toBe(true);
    expect(text).not.toMatch(/HAProxy|503 Service/);
    await screenshot(page, "19-upstream-error");
    await button(page, "Find buyer").click();
    await visible(page.getByText(`Buyer: ${BUYER.name}`));
    await context.close();
  }, 60_000);

  it("shows a not-found page with status 404", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    const response = await page.goto(`${env.stack.origin}/no-such-page`);
    expect(response!.status()).toBe(404);
    await visible(page.getByRole("heading", { name: "Page not found" }));
    await expectFitsPhone(page);
    await screenshot(page, "18-not-found");
    await context.close();
  });
});

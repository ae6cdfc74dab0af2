import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { OTHER_PARTIES, SIGNUP_NUMBERS, SIGNUP_PEOPLE } from "../upstream";
import { OTP } from "../support/stack";
import { button, checkMobileLayout, chooseKiswahili, containsText, holdScripts, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 11, part A, in a real Chromium at 360 px: a number not on eTIMS proves its phone, then signs up or gets its PIN.
const [SELLER_ONE, SELLER_TWO, SELLER_THREE, , NO_PIN] = SIGNUP_PEOPLE;
const BUYER = OTHER_PARTIES.find((party) => party.pin === "A000000008H")!;
const env = useBrowserStack();

const fitsPhone = async (page: Page) => expect(await checkMobileLayout(page)).toEqual({ overflow: 0, smallTargets: [], unlabelled: [] });

async function phoneVerified(msisdn: string, shots?: string): Promise<Page> {
  const page = await (await newPhone(env.browser)).newPage();
  await signInThroughChat(page, env.stack, msisdn, shots);
  await visible(page.getByTestId("signup-home"));
  return page;
}

describe("a number not on eTIMS", () => {
  it("signs up for eTIMS, signs in again with a new code (no new link) and issues an invoice", async () => {
    const page = await phoneVerified(SIGNUP_NUMBERS.done, "30-signup");
    await containsText(page.locator("main"), "is not registered for eTIMS yet");
    expect(await page.getByRole("link", { name: /Create a sales invoice|Returns/ }).count()).toBe(0);
    await fitsPhone(page);
    await screenshot(page, "31-signup-home");

    await page.getByRole("link", { name: /Register for eTIMS/ }).click();
    await page.fill("#id_number", SELLER_ONE.idNumber);
    await page.fill("#yob", String(SELLER_ONE.yob + 1));
    await button(page, "Register").click();
    await visible(page.getByText("These details do not match KRA's records."));
    await fitsPhone(page);
    await screenshot(page, "32-signup-mismatch");
    await page.fill("#yob", String(SELLER_ONE.yob));
    await button(page, "Register").click();
    await page.getByRole("link", { name: "Enter the new code" }).click();
    await page.waitForURL(`${env.stack.origin}/otp`);
    await screenshot(page, "33-signup-otp-again");
    await page.fill("#otp", OTP);
    await page.locator("form[action='/session/otp'] button[type=submit]").click();
    await page.waitForURL(`${env.stack.origin}/`);
    await containsText(page.locator("main"), SELLER_ONE.name);
    await screenshot(page, "34-signup-active-home");

    await page.getByRole("link", { name: /Create a sales invoice/ }).click();
    await page.fill("#buyer", BUYER.pin);
    await button(page, "Find buyer").click();
    await visible(page.getByText(`Buyer: ${BUYER.name}`));
    await button(page, "Continue").click();
    await page.fill("#item-0-name", "Tomatoes");
    await page.fill("#item-0-price", "250");
    await button(page, "Continue").click();
    await button(page, "Submit").click();
    await visible(page.getByText("Invoice created"));
    await screenshot(page, "35-signup-first-invoice");
    const sale = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/post-sale").at(-1)!.body);
    expect(sale.msisdn).toBe(SIGNUP_NUMBERS.done);
    await page.context().close();
  }, 90_000);

  it("hears that the registration is in progress, and when to try again", async () => {
    const page = await phoneVerified(SIGNUP_NUMBERS.inProgress);
    await openPage(page, `${env.stack.origin}/signup`);
    await page.fill("#id_number", SELLER_TWO.idNumber);
    await page.fill("#yob", String(SELLER_TWO.yob));
    await button(page, "Register").click();
    await visible(page.getByText(/in progress\. Please try again in about 5 minutes/));
    await visible(button(page, "Try again"));
    await screenshot(page, "36-signup-in-progress");
    await page.context().close();
  }, 60_000);

  it("cannot send the form before the page's script runs (a slow network shows no JSON page)", async () => {
    const page = await phoneVerified(SIGNUP_NUMBERS.inProgress);
    const releaseScripts = await holdScripts(page);
    await page.goto(`${env.stack.origin}/signup`, { waitUntil: "commit" });
    await page.fill("#id_number", SELLER_TWO.idNumber, { timeout: 20_000 });
    await page.fill("#yob", String(SELLER_TWO.yob));
    expect(await page.locator("[data-testid=etims-signup] button[type=submit]").isDisabled()).toBe(true);
    await page.press("#yob", "Enter"); // implicit submission: a form whose button is disabled is not sent
    releaseScripts();
    await page.waitForLoadState("networkidle");
    expect(page.url()).toBe(`${env.stack.origin}/signup`);
    await button(page, "Register").click();
    await visible(page.getByText(/in progress\. Please try again/));
    await page.context().close();
  }, 60_000);

  it("retrieves its PIN, in Kiswahili too", async () => {
    const page = await phoneVerified("254733000001");
    await page.getByRole("link", { name: /Retrieve my PIN/ }).click();
    await page.fill("#id_number", SELLER_TWO.idNumber);
    await page.fill("#yob", String(SELLER_TWO.yob));
    await button(page, "Show my PIN").click();
    await visible(page.getByTestId("pin-shown"));
    await containsText(page.getByTestId("pin-shown"), SELLER_TWO.pin!);
    await containsText(page.getByTestId("pin-shown"), SELLER_TWO.name);
    await fitsPhone(page);
    await screenshot(page, "37-pin-retrieved");
    await openPage(page, `${env.stack.origin}/`);
    await chooseKiswahili(page);
    await visible(page.getByRole("link", { name: /Pata PIN yangu/ }));
    await screenshot(page, "38-sw-signup-home");
    await page.getByRole("link", { name: /Pata PIN yangu/ }).click();
    // Another ID: SELLER_TWO's has spent its three PIN shows today (two sign-ups and this retrieval), so
    // any further answer about it, right year or wrong, is refused before id-lookup (issue 18).
    await page.fill("#id_number", SELLER_THREE.idNumber);
    await page.fill("#yob", "1900");
    await button(page, "Onyesha PIN yangu").click();
    await visible(page.getByText("Taarifa hizi hazilingani na rekodi za KRA."));
    await fitsPhone(page);
    await screenshot(page, "39-sw-pin-mismatch");
    await page.context().close();
  }, 60_000);

  it("registers for a KRA PIN and sees the PIN and receipt KRA gave", async () => {
    const page = await phoneVerified("254733000002");
    await page.getByRole("link", { name: /Register for a KRA PIN/ }).click();
    await page.fill("#id_number", NO_PIN.idNumber);
    await page.fill("#yob", String(NO_PIN.yob));
    await page.fill("#first_name", "Amina");
    await fitsPhone(page);
    await screenshot(page, "40-pin-applicant");
    await button(page, "Check my details").click();
    await visible(page.getByText(`KRA found: ${NO_PIN.name}`));
    await page.fill("#email", "amina@example.com");
    await button(page, "Register for a PIN").click();
    await visible(page.getByTestId("pin-registered"));
    const sent = JSON.parse(env.stack.upstream.receivedOn("/api/ussd/pin-registration").at(-1)!.body);
    expect(sent).toEqual({ type: "citizen", email: "amina@example.com", msisdn: "254733000002", id_number: NO_PIN.idNumber });
    await containsText(page.getByTestId("pin-registered"), "Your new KRA PIN: A5");
    await containsText(page.getByTestId("pin-registered"), "Receipt number: KRA2026");
    await screenshot(page, "41-pin-registered");
    await page.context().close();
  }, 60_000);
});

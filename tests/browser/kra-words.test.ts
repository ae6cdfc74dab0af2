import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { containsText, expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 21, item 8 (and item 2 in Kiswahili): KRA's known English sentences and obligation
// names become the gateway's own Kiswahili; an unknown sentence is shown marked as KRA's words.

const [ONE, , THREE] = TEST_TAXPAYERS;
const env = useBrowserStack();

async function swPhone(msisdn: string): Promise<Page> {
  const page = await (await newPhone(env.browser, { locale: "sw-KE" })).newPage();
  await signInThroughChat(page, env.stack, msisdn);
  return page;
}

const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

describe("Kiswahili pages with KRA's refusals", () => {
  it("checkers and the TCC application: the gateway's Kiswahili, not KRA's English", async () => {
    const page = await swPhone(ONE.msisdn);
    await openPage(page, `${env.stack.origin}/checkers/staff?national_id=29999999`);
    await containsText(page.getByTestId("checker-missing"), "KRA haina mfanyakazi mwenye nambari hii ya kitambulisho", 20_000);
    expect(await mainText(page)).not.toContain("No KRA staff member found");
    await expectFitsPhone(page);
    await screenshot(page, "k01-sw-staff-not-found");
    await openPage(page, `${env.stack.origin}/checkers/tcc?kra_pin=${ONE.pin}&tcc_number=KRATCC9999999999`);
    await containsText(page.getByTestId("checker-missing"), "KRA haina cheti chenye nambari hii kwa PIN hii", 20_000);
    expect(await mainText(page)).not.toContain("Invalid TCC");
    await openPage(page, `${env.stack.origin}/tcc`);
    await page.getByLabel("Mkopo").check();
    await page.getByRole("button", { name: "Omba TCC" }).click();
    await visible(page.getByText("KRA haiwezi kutoa TCC ukiwa na kodi ambayo hujalipa"), 20_000);
    expect(await mainText(page)).not.toMatch(/unpaid tax|cannot be issued/);
    await expectFitsPhone(page);
    await screenshot(page, "k02-sw-tcc-refused");
    await page.context().close();
  }, 120_000);

  it("obligation names in Kiswahili; eSlip: an unknown PRN in Kiswahili, corrected in place; an unknown sentence marked as KRA's", async () => {
    const page = await swPhone(THREE.msisdn);
    await openPage(page, `${env.stack.origin}/returns`);
    await visible(page.getByTestId("obligations").locator("li"), 20_000);
    const obligations = (await page.getByTestId("obligations").textContent()) ?? "";
    expect(obligations).toMatch(/Kodi ya Mapato|Kodi ya Mauzo|Ushuru/);
    expect(obligations).not.toMatch(/Income Tax|Turnover Tax|Monthly Rental|Levy/);
    await screenshot(page, "k03-sw-obligations");
    await openPage(page, `${env.stack.origin}/payments/eslip`);
    await containsText(page.getByTestId("eslip-unchecked"), "KRA hukagua nambari hii tu inapotuma ombi la M-Pesa");
    expect(await mainText(page)).not.toMatch(/kumbukumbu ya malipo yako/);
    await page.fill("#prn", "1120259999999999");
    await page.getByRole("button", { name: /Tuma ombi la M-Pesa/ }).click();
    await containsText(page.locator("#prn-error"), "KRA haiijui PRN hii. Irekebishe hapa kisha utume tena.", 20_000);
    expect(await mainText(page)).not.toContain("Invalid PRN");
    await expectFitsPhone(page);
    await screenshot(page, "k04-sw-eslip-refused");
    // A sentence the gateway does not know: shown, marked as KRA's words in English.
    env.stack.upstream.setAnswerForm({ endpoint: "make-payment", error: "message", message: "Till closed for maintenance", status: 422 });
    await page.getByRole("button", { name: /Tuma ombi la M-Pesa/ }).click();
    await containsText(page.locator("[role=alert]"), "Maneno ya KRA (kwa Kiingereza): “Till closed for maintenance”", 20_000);
    await screenshot(page, "k05-sw-kra-words");
    await page.context().close();
  }, 120_000);
});

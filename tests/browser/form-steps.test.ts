import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SEEDED_PRNS, TEST_TAXPAYERS } from "../upstream";
import { button, containsText, newPhone, openPage, recordRequests, signInThroughChat, useBrowserStack } from "./support";

// The forms' later steps are not in their first scripts (issue 22's budgets) but fetched while the form is
// filled in (components/lib/on-demand.tsx): on a slow phone, a tap on Calculate or Continue then waits for
// the call alone, not for another round trip of code after it.
const [, TWO] = TEST_TAXPAYERS;
const env = useBrowserStack();

async function signedIn(): Promise<Page> {
  const page = await (await newPhone(env.browser)).newPage();
  await signInThroughChat(page, env.stack, TWO.msisdn);
  return page;
}

const calls = (asked: string[]) => asked.filter((request) => !request.endsWith("/favicon.ico"));

describe("a form's next step, once the form is filled in (issue 22)", () => {
  it("Turnover Tax: after the tap on Calculate, only the calls; the tax due's code came while the amount was typed", async () => {
    const page = await signedIn();
    await openPage(page, `${env.stack.origin}/returns/tot`);
    await page.fill("#gross-sales", "100000");
    await page.waitForLoadState("networkidle");
    const asked = recordRequests(page, env.stack.origin);
    await button(page, "Calculate tax").click();
    await containsText(page.getByTestId("tax-due"), "1,500.00", 20_000);
    expect(calls(asked)).toEqual(["POST /api/obligation-filling-period", "POST /api/file-return"]);
    await page.context().close();
  }, 60_000);

  it("NIL return: after the tap on Continue, only the period's call; the confirmation's code came before", async () => {
    const page = await signedIn();
    await openPage(page, `${env.stack.origin}/returns/nil`);
    await page.locator("[data-testid=obligation-picker] input[type=radio]").first().check();
    await page.waitForLoadState("networkidle");
    const asked = recordRequests(page, env.stack.origin);
    await button(page, "Continue").click();
    await button(page, "File NIL return").waitFor({ timeout: 20_000 });
    expect(calls(asked)).toEqual(["POST /api/obligation-filling-period"]);
    await page.context().close();
  }, 60_000);

  it("eSlip: after the tap on Send, only the payment's call; its reader and the result's code came while the PRN was typed", async () => {
    const page = await signedIn();
    await openPage(page, `${env.stack.origin}/payments/eslip`);
    await page.fill("#prn", SEEDED_PRNS[0].prn);
    await page.waitForLoadState("networkidle");
    const asked = recordRequests(page, env.stack.origin);
    await page.getByRole("button", { name: /Send M-Pesa prompt/ }).click();
    await containsText(page.getByTestId("mpesa-sent"), `PRN: ${SEEDED_PRNS[0].prn}`, 20_000);
    expect(calls(asked)).toEqual(["POST /api/make-payment"]);
    await page.context().close();
  }, 60_000);
});

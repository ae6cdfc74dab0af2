// A script error on a page is a page that may not do what it says: the chat's journey, from the link
// to a returns page's data, raises none (pageerror: an uncaught exception in the page).
import { describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { newPhone, signInThroughChat, useBrowserStack, visible } from "./support";

const env = useBrowserStack();

describe("the chat's journey", () => {
  it("raises no script error from the link to a returns page", async () => {
    const context = await newPhone(env.browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
    await signInThroughChat(page, env.stack, TEST_TAXPAYERS[0].msisdn);
    await page.getByRole("link", { name: /Returns and payments/ }).first().click();
    await visible(page.getByTestId("obligations").locator("li"), 20_000);
    await page.waitForLoadState("networkidle");
    await context.close();
    expect(errors).toEqual([]);
  });
});

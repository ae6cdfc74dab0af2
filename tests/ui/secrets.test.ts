import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { ROOT } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((entry) => filesUnder(join(path, entry)));
}

describe("no secret or token reaches what the browser gets", () => {
  it("is not in .output/public, nor in any page the server renders for a signed-in taxpayer", async () => {
    const client = await stack.signIn(TEST_TAXPAYERS[0].msisdn);
    await client.api("POST", "/post-sale", { json: { total_amount: 1, items: [{ item_name: "Tea", taxable_amount: 1, quantity: 1 }] } });
    const pages = await Promise.all(["/", "/otp", "/sales-invoice", "/credit-note", "/buyer-initiated", "/session-ended", "/nope"]
      .map(async (path) => (await client.get(path)).text()));
    const publicFiles = filesUnder(join(ROOT, ".output/public")).map((file) => readFileSync(file).toString("latin1"));
    const secrets = [stack.apiKey, stack.linkSecret, ...stack.upstream.tokensIssued(), client.sessionId!];
    expect(stack.upstream.tokensIssued().length).toBeGreaterThan(0);
    expect(pages.join("").length).toBeGreaterThan(1000);
    for (const text of [...pages, ...publicFiles]) {
      for (const secret of secrets) expect(text.includes(secret), "a secret or token is exposed").toBe(false);
      expect(text).not.toMatch(/eyJhbGciOi/);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";

// The home page says when the session ends in Kenyan time (Africa/Nairobi,
// UTC+3, no daylight saving), whatever zone the server runs in.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { TZ: "UTC" } });
});
afterAll(() => stack?.stop());

const pad = (n: number) => String(n).padStart(2, "0");

describe("the session's end time on the home page", () => {
  it("is Nairobi time on a server running in UTC", async () => {
    const client = await stack.signIn(TEST_TAXPAYERS[0].msisdn);
    const { expiresAt } = await (await client.get("/session")).json();
    const html = await (await client.get("/")).text();
    const shown = /Your session ends at (\d{2}):(\d{2})/.exec(html);
    expect(shown, "the home page shows the end time").not.toBeNull();
    const end = new Date(expiresAt);
    expect(`${shown![1]}:${shown![2]}`).toBe(`${pad((end.getUTCHours() + 3) % 24)}:${pad(end.getUTCMinutes())}`);
  });
});

// A proxied call that ends the session answers with exactly one clearing Set-Cookie (issue 9, item 2):
// the upstream's 401 and an expired cookie both go through the one endSession signal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { parseSetCookie, SESSION_COOKIE } from "../support/client";
import { startStack, type Stack } from "../support/stack";

const [ONE] = TEST_TAXPAYERS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectOneClearingCookie(response: Response) {
  const cookies = response.headers.getSetCookie();
  expect(cookies.length).toBe(1);
  const cleared = parseSetCookie(cookies[0]);
  expect(cleared).toMatchObject({ name: SESSION_COOKIE, value: "" });
  expect(cleared.attributes["max-age"]).toBe("0");
}

async function expectSessionExpired(response: Response) {
  expect(response.status).toBe(401);
  expect((await response.json()).error).toBe("session_expired");
  expectOneClearingCookie(response);
}

describe("a proxied call that ends the session", () => {
  let stack: Stack;
  beforeAll(async () => {
    // Tokens live 4 s, so a session expires within the test; the gateway's own limits are far longer.
    stack = await startStack({ upstream: { tokenTtlSeconds: 4 } });
  });
  afterAll(() => stack?.stop());

  it("upstream 401: one clearing cookie, the record deleted; the old cookie then gets one clearing cookie too", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const id = client.sessionId!;
    stack.upstream.addFault({ fault: { kind: "unauthorized" }, times: 1 });
    await expectSessionExpired(await client.api("GET", "/buyer-initiated/fetch"));
    const replay = await fetch(`${stack.gateway.url}/api/buyer-initiated/fetch`, { headers: { cookie: `${SESSION_COOKIE}=${id}` } });
    await expectSessionExpired(replay);
  });

  it("an expired session: one clearing cookie, and the upstream is not called", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const id = client.sessionId!;
    await sleep(4_500);
    stack.upstream.clearReceived();
    await expectSessionExpired(await client.api("POST", "/search/credit-note", { json: { invoice_no: "1004" } }));
    const replay = await fetch(`${stack.gateway.url}/api/buyer-initiated/fetch`, { headers: { cookie: `${SESSION_COOKIE}=${id}` } });
    await expectSessionExpired(replay);
    expect(stack.upstream.received).toEqual([]);
  }, 20_000);
});

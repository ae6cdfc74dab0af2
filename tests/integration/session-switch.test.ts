import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";

// Login CSRF: a hostile page can make a signed-in browser post another
// taxpayer's valid link. POST /entry never replaces a live session for another
// number unless the landing page's confirmation sent `switch=1` (409
// session_conflict otherwise); a link for the session's own number goes straight on.
const [ONE, TWO] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearReceived());

const initCallsFor = (msisdn: string) => stack.upstream.receivedOn("/api/ussd/init").filter((r) => r.body.includes(msisdn)).length;

describe("POST /entry with a live session", () => {
  it("for another number, without switch=1: 409 session_conflict, the session untouched, the link still unused", async () => {
    const victim = await stack.signIn(ONE.msisdn);
    const sessionBefore = victim.sessionId;
    const link = await stack.signedLink(TWO.msisdn);
    const refused = await victim.enter(link, json);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toBe("session_conflict");
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(victim.sessionId).toBe(sessionBefore);
    expect(await (await victim.get("/session")).json()).toMatchObject({ msisdn: "2547******01", state: "active" });
    expect(initCallsFor(TWO.msisdn)).toBe(0);
    // Nothing was spent: the same link still works for its owner.
    expect((await stack.client().enter(link)).status).toBe(303);
  });

  it("for another number, as a plain form post: the refusal page, 409", async () => {
    const victim = await stack.signIn(ONE.msisdn);
    const refused = await victim.enter(await stack.signedLink(TWO.msisdn));
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await victim.get("/session")).status).toBe(200);
  });

  it("for another number while still at the OTP step: refused the same way", async () => {
    const pending = stack.client();
    expect((await pending.enter(await stack.signedLink(ONE.msisdn))).headers.get("location")).toBe("/otp");
    const refused = await pending.enter(await stack.signedLink(TWO.msisdn), json);
    expect(refused.status).toBe(409);
    expect(await (await pending.get("/session")).json()).toMatchObject({ msisdn: "2547******01", state: "pending_otp" });
  });

  it("for another number with switch=1 (the confirm button): the old session ends, the new entry starts", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const old = client.sessionId;
    const switched = await client.enter({ ...(await stack.signedLink(TWO.msisdn)), switch: "1" });
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/otp");
    expect(client.sessionId).not.toBe(old);
    expect(await (await client.get("/session")).json()).toMatchObject({ msisdn: "2547******02", state: "pending_otp" });
    expect((await client.get("/session", { headers: { cookie: `__Host-session=${old}` } })).status).toBe(401);
  });

  it("for the same number: straight on to the home page, no new entry, no identity call, the link unused", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const before = client.sessionId;
    stack.upstream.clearReceived();
    const link = await stack.signedLink(ONE.msisdn);
    const again = await client.enter(link);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(client.sessionId).toBe(before);
    expect(stack.upstream.receivedOn("/api/ussd/")).toEqual([]);
    expect((await stack.client().enter(link)).status).toBe(303);
  });

  it("a bad switch value is an invalid link, not a switch", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const refused = await client.enter({ ...(await stack.signedLink(TWO.msisdn)), switch: "yes" }, json);
    expect(refused.status).toBe(400);
    expect((await client.get("/session")).status).toBe(200);
  });
});

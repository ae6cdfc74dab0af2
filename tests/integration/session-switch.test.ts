import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// Login CSRF: a hostile page can make a signed-in browser post another
// taxpayer's valid link. POST /entry never replaces a live session for another
// number unless the "Continue as …?" page's button sent `switch=1`: until then a
// browser gets that page, rendered by the server (409), and a script 409
// session_conflict; a link for the session's own number goes straight on.
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

  it("for another number, as the landing page's form post: the server-rendered question (409), nothing changed", async () => {
    const victim = await stack.signIn(ONE.msisdn);
    const sessionBefore = victim.sessionId;
    const link = await stack.signedLink(TWO.msisdn);
    const asked = await victim.enter(link, { headers: { "accept-encoding": "br, gzip" } });
    expect(asked.status).toBe(409);
    expect(asked.headers.get("content-type")).toMatch(/^text\/html/);
    // BREACH: the page puts link fields beside the live session's number, so it is never compressed:
    // the Node server skips it, and Cloudflare's edge honours no-transform (Miniflare compresses regardless).
    expect(asked.headers.get("cache-control")).toBe("no-store, no-transform");
    if (onNode) expect(asked.headers.get("content-encoding")).toBeNull();
    expect(asked.headers.getSetCookie()).toEqual([]);
    const page = await asked.text();
    expect(page).toContain("You are signed in as 2547******01. Continue as 2547******02?");
    // "Continue as …" posts the same link with switch=1; "Stay as …" goes back to the live session.
    const form = /<form method="post" action="\/entry">(.*?)<\/form>/.exec(page)?.[1] ?? "";
    const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(hidden).toEqual(link);
    expect(form).toMatch(/<button class="btn" type="submit" name="switch" value="1">Continue as 2547\*{6}02<\/button>/);
    expect(form).toMatch(/<a class="btn secondary" role="button" href="\/">Stay as 2547\*{6}01<\/a>/);
    expect(page).not.toMatch(/<script/);
    expect(victim.sessionId).toBe(sessionBefore);
    expect(await (await victim.get("/session")).json()).toMatchObject({ msisdn: "2547******01", state: "active" });
    expect(initCallsFor(TWO.msisdn)).toBe(0);
    // Choosing the new number is the same post with switch=1.
    const switched = await victim.enter({ ...hidden, switch: "1" });
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/otp");
  });

  it("the question is in Kiswahili for a Kiswahili reader, and staying at the OTP step goes back to /otp", async () => {
    const pending = stack.client();
    await pending.enter(await stack.signedLink(ONE.msisdn));
    const asked = await pending.enter(await stack.signedLink(TWO.msisdn), { headers: { cookie: `__Host-session=${pending.sessionId}; lang=sw` } });
    expect(asked.status).toBe(409);
    const page = await asked.text();
    expect(page).toContain('<html lang="sw">');
    expect(page).toContain("Umeingia kama 2547******01. Uendelee kama 2547******02?");
    expect(page).toMatch(/href="\/otp">Baki kama 2547\*{6}01</);
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

import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { parseSetCookie, SESSION_COOKIE } from "../support/client";
import { onNode } from "../support/gateway";
import { OTP, startStack, type Stack } from "../support/stack";

const [ONE, TWO] = TEST_TAXPAYERS;
let stack: Stack;
const json = { headers: { accept: "application/json" } };
const identityCalls = () => stack.upstream.received.filter((r) => /\/(init|otp|validate-otp)$/.test(r.path));

beforeAll(async () => {
  stack = await startStack({ env: { NITRO_IDENTITY_TIMEOUT_MS: "800" } });
});
afterAll(() => stack?.stop());
beforeEach(() => {
  stack.upstream.clearReceived();
  stack.upstream.clearFaults();
});

// The landing page is the UI's; the workerd build is server/ alone.
describe.runIf(onNode)("GET /?phone=… (the WhatsApp link) has no side effects", () => {
  it("returns a page whose form posts the link's fields to /entry, uncached and without a referrer", async () => {
    const link = await stack.signedLink(ONE.msisdn);
    const response = await fetch(`${stack.gateway.url}/?${new URLSearchParams(link)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/entry"|<form[^>]*action="\/entry"[^>]*method="post"/);
    for (const [name, value] of Object.entries(link)) {
      expect(html).toMatch(new RegExp(`name="${name}"[^>]*value="${value.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&")}"`));
    }
  });

  it("a link-preview bot's fetch creates nothing, sends no OTP and leaves the link usable", async () => {
    const link = await stack.signedLink(ONE.msisdn);
    const preview = await fetch(`${stack.gateway.url}/?${new URLSearchParams(link)}`, {
      headers: { "user-agent": "WhatsApp/2.23.20.0 A" },
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.getSetCookie()).toEqual([]);
    expect(stack.upstream.received).toEqual([]);
    const entry = await stack.client().enter(link);
    expect(entry.status).toBe(303);
  });
});

describe("POST /entry in otp mode", () => {
  it("checks the number, sends an OTP and answers 303 /otp with a __Host- session cookie", async () => {
    const client = stack.client();
    const response = await client.enter(await stack.signedLink(ONE.msisdn));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/otp");
    expect(response.headers.getSetCookie()).toHaveLength(1);
    const cookie = parseSetCookie(response.headers.getSetCookie()[0]);
    expect(cookie.name).toBe(SESSION_COOKIE);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toMatchObject({ httponly: true, secure: true, samesite: "Strict", path: "/" });
    expect(cookie.attributes.domain).toBeUndefined();
    expect(identityCalls().map((r) => [r.path.split("/").pop(), JSON.parse(r.body)])).toEqual([
      ["init", { msisdn: ONE.msisdn }],
      ["otp", { msisdn: ONE.msisdn }],
    ]);
    const session = await client.get("/session");
    expect(await session.json()).toMatchObject({ state: "pending_otp", name: null });
    const api = await client.api("GET", "/buyer-initiated/fetch");
    expect(api.status).toBe(401);
  });

  // Issue 22: one round trip less. The workerd build renders no pages, so it answers 303 there.
  it("answers the landing's scripted post (js=1, a document navigation) with the OTP page itself on Node; 303 without js=1", async () => {
    const navigation = { headers: { "sec-fetch-dest": "document" } };
    const plain = await stack.client().enter({ ...(await stack.signedLink(ONE.msisdn)), js: "" }, navigation);
    expect([plain.status, plain.headers.get("location")]).toEqual([303, "/otp"]);
    const client = stack.client();
    const response = await client.enter({ ...(await stack.signedLink(TWO.msisdn)), js: "1" }, navigation);
    expect(parseSetCookie(response.headers.getSetCookie()[0]).name).toBe(SESSION_COOKIE);
    if (!onNode) return expect([response.status, response.headers.get("location")]).toEqual([303, "/otp"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const html = await response.text();
    expect(html).toContain(`<script nonce="${nonce}">history.replaceState(null,"","/otp")</script>`);
    expect(html).toMatch(/id="otp"[^>]*name="otp"|name="otp"[^>]*id="otp"/);
    expect(html).toContain(TWO.msisdn.slice(-2));
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "pending_otp" });
    expect((await client.submitOtp(OTP)).headers.get("location")).toBe("/");
  });

  const national = ONE.msisdn.slice(3); // 700000001
  it.each([
    ["07…", `0${national}`],
    ["7…", national],
    ["+254…", `+254${national}`],
    ["254…", `254${national}`],
    ["spaces", `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`],
    ["dashes", `+254-${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`],
    ["spaces and dashes", `0${national.slice(0, 3)} ${national.slice(3, 6)}-${national.slice(6)}`],
  ])("accepts the number written %s (%s) and normalises it for the identity service", async (_, phone) => {
    const response = await stack.client().enter({ phone, ...(await signedFor(phone)) });
    expect(response.status).toBe(303);
    expect(identityCalls().map((call) => JSON.parse(call.body))).toEqual([{ msisdn: ONE.msisdn }, { msisdn: ONE.msisdn }]);
  });

  it("turns the pending session into an active one under a NEW id when the code is right", async () => {
    const client = stack.client();
    await client.enter(await stack.signedLink(ONE.msisdn));
    const pendingId = client.sessionId!;
    const response = await client.submitOtp(OTP.toLowerCase());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(client.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client.sessionId).not.toBe(pendingId);
    expect(JSON.parse(identityCalls().at(-1)!.body)).toEqual({ msisdn: ONE.msisdn, otp: OTP });
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "active", msisdn: "2547******01" });
    const old = await fetch(`${stack.gateway.url}/session`, { headers: { cookie: `${SESSION_COOKIE}=${pendingId}` } });
    expect(old.status).toBe(401);
  });

  it("answers JSON to a script and sends a plain form back to /otp on a wrong code", async () => {
    const client = stack.client();
    await client.enter(await stack.signedLink(ONE.msisdn));
    const asJson = await client.post("/session/otp", { json: { otp: "WRONG1" }, ...json });
    expect(asJson.status).toBe(400);
    expect((await asJson.json()).error).toBe("invalid_otp");
    const asForm = await client.submitOtp("WRONG2");
    expect(asForm.status).toBe(303);
    expect(asForm.headers.get("location")).toBe("/otp?error=invalid_otp");
    expect((await client.post("/session/otp", { json: { otp: OTP }, ...json })).status).toBe(200);
  });

  it("ends the pending session after too many wrong codes", async () => {
    const client = stack.client();
    await client.enter(await stack.signedLink(TWO.msisdn));
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await client.post("/session/otp", { json: { otp: "BAD000" }, ...json })).status).toBe(400);
    }
    const last = await client.post("/session/otp", { json: { otp: "BAD000" }, ...json });
    expect(last.status).toBe(403);
    expect((await last.json()).error).toBe("otp_attempts_exceeded");
    expect(client.sessionId).toBeUndefined();
    const right = await client.post("/session/otp", { json: { otp: OTP }, ...json });
    expect(right.status).toBe(401);
  });

  it("answers a number the identity service does not know exactly as a registered one: OTP, then sign-up (issue 11)", async () => {
    const client = stack.client();
    const response = await client.enter(await stack.signedLink("254711111111"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/otp");
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(identityCalls().map((r) => r.path.split("/").pop())).toEqual(["init", "otp"]);
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "pending_otp", name: null });
  });
});

async function signedFor(phone: string) {
  const { exp, nonce, sig } = await stack.signedLink(phone);
  return { exp, nonce, sig };
}

describe("signed links", () => {
  const refusal = async (fields: Record<string, string>) => {
    const response = await stack.client().enter(fields, json);
    return { status: response.status, error: (await response.json()).error, cookies: response.headers.getSetCookie() };
  };

  it("accepts a link once: the replay is refused", async () => {
    const link = await stack.signedLink(ONE.msisdn);
    expect((await stack.client().enter(link)).status).toBe(303);
    stack.upstream.clearReceived();
    expect(await refusal(link)).toEqual({ status: 403, error: "link_used", cookies: [] });
    expect(identityCalls()).toEqual([]);
  });

  it("refuses expired links, links valid too far ahead, bad signatures and any changed field", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await refusal(await stack.signedLink(ONE.msisdn, { nowSeconds: now - 1000 }))).error).toBe("link_expired");
    expect((await refusal(await stack.signedLink(ONE.msisdn, { nowSeconds: now + 3600 }))).error).toBe("link_invalid");
    expect((await refusal(await stack.signedLink(ONE.msisdn, { secret: "x".repeat(32) }))).error).toBe("link_invalid");
    const link = await stack.signedLink(ONE.msisdn);
    expect((await refusal({ ...link, phone: TWO.msisdn })).error).toBe("link_invalid");
    expect((await refusal({ ...link, exp: String(Number(link.exp) - 1) })).error).toBe("link_invalid");
    const flip = (text: string) => text.slice(0, -1) + (text.endsWith("A") ? "B" : "A");
    expect((await refusal({ ...link, nonce: flip(link.nonce) })).error).toBe("link_invalid");
    expect((await refusal({ ...link, sig: flip(link.sig) })).error).toBe("link_invalid");
    expect((await refusal({ phone: ONE.msisdn })).error).toBe("link_required");
    expect((await refusal({ ...link, sig: "not-base64!" })).error).toBe("invalid_link");
    expect(identityCalls()).toEqual([]);
  });

  it("shows a readable page, not JSON, when a plain form post is refused", async () => {
    const response = await stack.client().enter(await stack.signedLink(ONE.msisdn, { nowSeconds: 1000 }));
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("This link has expired");
    expect(html).not.toMatch(/stack|Error:|at .+:\d+/);
  });
});

describe("the link's time window, signed with node:crypto by the README's formula", () => {
  const sign = (phone: string, exp: number, nonce = randomBytes(18).toString("base64url")) => ({
    phone, exp: String(exp), nonce,
    sig: createHmac("sha256", stack.linkSecret).update(`v1\n${phone}\n${exp}\n${nonce}`).digest("base64url"),
  });
  /**
   * Enters with a link whose exp is `now + offset` and returns the answer, retrying when the
   * clock's second changed during the request (the server would then have seen another "now").
   */
  async function enterAt(offset: number) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = Math.floor(Date.now() / 1000);
      const response = await stack.client().enter(sign(ONE.msisdn, now + offset), json);
      if (Math.floor(Date.now() / 1000) === now) return { status: response.status, error: response.status === 303 ? undefined : (await response.json()).error };
      await response.body?.cancel();
    }
    throw new Error("the clock kept moving to the next second mid-request");
  }

  it("accepts exp up to 15 minutes plus the 30 s skew ahead, and refuses one second more", async () => {
    expect(await enterAt(15 * 60 + 30)).toEqual({ status: 303, error: undefined });
    expect(await enterAt(15 * 60 + 31)).toEqual({ status: 403, error: "link_invalid" });
    expect(await enterAt(15 * 60)).toEqual({ status: 303, error: undefined });
  });

  it("accepts exp one second ahead, and refuses exp equal to now", async () => {
    expect(await enterAt(1)).toEqual({ status: 303, error: undefined });
    expect(await enterAt(0)).toEqual({ status: 403, error: "link_expired" });
    expect(await enterAt(-1)).toEqual({ status: 403, error: "link_expired" });
  });
});

describe("phone numbers", () => {
  it.each([
    ["a Nairobi landline", "0201234567"],
    ["too short", "07123"],
    ["letters", "07ABCDEFGH"],
    ["another country", "+255712345678"],
    ["too long", "2547000000011"],
    ["empty", ""],
  ])("refuses %s with 400 and never calls the identity service", async (_, phone) => {
    const response = await stack.client().enter({ phone, ...(await signedFor(phone)) }, json);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("invalid_phone");
    expect(identityCalls()).toEqual([]);
  });
});

describe("fixation", () => {
  // (A link for the session's own number keeps it: tests/integration/session-switch.test.ts.)
  it("replaces any session the browser brings to a confirmed entry, and the old one stops working", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const before = client.sessionId!;
    await client.enter({ ...(await stack.signedLink(TWO.msisdn)), switch: "1" });
    expect(client.sessionId).not.toBe(before);
    const old = await fetch(`${stack.gateway.url}/session`, { headers: { cookie: `${SESSION_COOKIE}=${before}` } });
    expect(old.status).toBe(401);
  });

  it("never adopts a session id chosen by someone else", async () => {
    const planted = "A".repeat(43);
    const client = stack.client();
    client.sessionId = planted;
    await client.enter(await stack.signedLink(ONE.msisdn));
    expect(client.sessionId).not.toBe(planted);
    await client.submitOtp(OTP);
    const attacker = await fetch(`${stack.gateway.url}/session`, { headers: { cookie: `${SESSION_COOKIE}=${planted}` } });
    expect(attacker.status).toBe(401);
  });
});

describe("identity service failures at entry", () => {
  it("shows a friendly page when the identity service is down, creates no session and keeps the link usable", async () => {
    stack.upstream.addFault({ fault: { kind: "refuse" }, path: "/api/ussd/init", times: 1 });
    const link = await stack.signedLink(ONE.msisdn);
    const response = await stack.client().enter(link);
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("We could not check your number right now");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await stack.client().enter(link)).status).toBe(303);
  });

  it.each([
    ["an HTML 503", { kind: "html503" } as const, 502, "identity_unavailable"],
    ["a Phoenix 500", { kind: "phoenix500" } as const, 502, "identity_unavailable"],
    ["too slow", { kind: "hang" } as const, 504, "identity_timeout"],
  ])("answers %s from the identity service with a generic error", async (_, fault, status, error) => {
    stack.upstream.addFault({ fault, path: "/api/ussd/init", times: 1 });
    const response = await stack.client().enter(await stack.signedLink(ONE.msisdn), json);
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(JSON.parse(body).error).toBe(error);
    expect(body).not.toMatch(/HAProxy|Service Unavailable|Internal Server Error|Cowboy/);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("rotating the link secret", () => {
  let rotating: Stack;
  const previous = "previous-link-secret-0123456789abcdef";
  beforeAll(async () => {
    rotating = await startStack({ env: { NITRO_ENTRY_LINK_SECRET_PREVIOUS: previous } });
  });
  afterAll(() => rotating?.stop());

  it("accepts links signed with the new or the previous secret, and no other", async () => {
    expect((await rotating.client().enter(await rotating.signedLink(ONE.msisdn))).status).toBe(303);
    expect((await rotating.client().enter(await rotating.signedLink(ONE.msisdn, { secret: previous }))).status).toBe(303);
    const other = await rotating.client().enter(await rotating.signedLink(ONE.msisdn, { secret: "y".repeat(32) }), json);
    expect((await other.json()).error).toBe("link_invalid");
  });
});

describe("direct mode", () => {
  let direct: Stack;
  beforeAll(async () => {
    direct = await startStack({ env: { NITRO_IDENTITY_MODE: "direct" }, upstream: { directTokens: true } });
  });
  afterAll(() => direct?.stop());

  it("a signed link opens an active session with the token from /init, in one call", async () => {
    direct.upstream.clearReceived();
    const client = direct.client();
    const response = await client.enter(await direct.signedLink(ONE.msisdn));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(direct.upstream.received.map((r) => r.path.split("/").pop())).toEqual(["init"]);
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "active", name: ONE.name });
    const lookup = await client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000007G" } });
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ code: 3 });
    const [call] = direct.upstream.receivedOn("/api/ussd/buyer-initiated/lookup");
    const token = call.headers.authorization.replace(/^Bearer /, "");
    expect(direct.upstream.tokensIssued()).toContain(token);
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    expect(claims.sub).toBe(ONE.msisdn);
  });

  it("refuses an unsigned link", async () => {
    direct.upstream.clearReceived();
    const response = await direct.client().enter({ phone: ONE.msisdn }, json);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toBe("link_required");
    expect(direct.upstream.received).toEqual([]);
  });
});

// Issue 22: a right code posted by the OTP page's form with scripts running (js=1, a document
// navigation) is answered with the home page itself, rendered for the session's NEW id, instead of
// a 303 to `/`: one round trip less. Everything else gets what it got before. The workerd build
// renders no pages, so it answers 303 there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { parseSetCookie, SESSION_COOKIE, type GatewayClient } from "../support/client";
import { onNode } from "../support/gateway";
import { OTP, startStack, type Stack } from "../support/stack";

const [ONE, TWO] = TEST_TAXPAYERS;
const navigation = { "sec-fetch-dest": "document" };
let stack: Stack;
const validations = () => stack.upstream.received.filter((r) => r.path.endsWith("/validate-otp"));

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearReceived());

/** A client with a pending session for `msisdn` (the OTP sent), and that session's id. */
async function pending(msisdn: string): Promise<{ client: GatewayClient; pendingId: string }> {
  const client = stack.client();
  const entry = await client.enter(await stack.signedLink(msisdn));
  expect([entry.status, entry.headers.get("location")]).toEqual([303, "/otp"]);
  return { client, pendingId: client.sessionId! };
}

const withOldCookie = (pendingId: string) => ({ cookie: `${SESSION_COOKIE}=${pendingId}` });

describe("POST /session/otp posted by the OTP page with scripts running (js=1)", () => {
  it("answers a right code with the home page for the new session id (Node), or the 303 (workerd)", async () => {
    const { client, pendingId } = await pending(ONE.msisdn);
    const response = await client.post("/session/otp", { form: { otp: OTP, js: "1" }, headers: { ...navigation, "accept-encoding": "gzip" } });
    const cookies = response.headers.getSetCookie().map(parseSetCookie).filter((cookie) => cookie.name === SESSION_COOKIE);
    expect(cookies).toHaveLength(1);
    expect(cookies[0].value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookies[0].value).not.toBe(pendingId);
    expect(client.sessionId).toBe(cookies[0].value);
    if (!onNode) {
      expect([response.status, response.headers.get("location")]).toEqual([303, "/"]);
    } else {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      // Compressed like any page (safe: see new-session-page.ts).
      expect(response.headers.get("content-encoding")).toBe("gzip");
      const nonce = /script-src [^;]*'nonce-([A-Za-z0-9_-]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeDefined();
      const html = await response.text();
      expect(html).toContain(`<script nonce="${nonce}">history.replaceState(null,"","/")</script>`);
      // Rendered for the active session (the pending one has no name): the greeting and the services.
      expect(html).toContain(ONE.name);
      expect(html).toContain('href="/returns"');
      // Nothing secret or reflected in the (compressible) body: no session id, no code.
      for (const secret of [cookies[0].value, pendingId, OTP]) expect(html).not.toContain(secret);
    }
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "active", name: ONE.name });
    expect((await stack.client().get("/session", { headers: withOldCookie(pendingId) })).status).toBe(401);
  });

  it("gets the 303 to / without js=1 (no JavaScript), and for a request that is not a document navigation", async () => {
    for (const [fields, headers] of [[{ otp: OTP, js: "" }, navigation], [{ otp: OTP }, navigation], [{ otp: OTP, js: "1" }, {}]] as const) {
      const { client, pendingId } = await pending(TWO.msisdn);
      const response = await client.post("/session/otp", { form: fields, headers });
      expect([response.status, response.headers.get("location")]).toEqual([303, "/"]);
      expect(client.sessionId).not.toBe(pendingId);
      expect(await (await client.get("/session")).json()).toMatchObject({ state: "active" });
    }
  });

  it("answers a script asking for JSON with the session's view, js=1 or not", async () => {
    const { client } = await pending(ONE.msisdn);
    const response = await client.post("/session/otp", { form: { otp: OTP, js: "1" }, headers: { ...navigation, accept: "application/json" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "active", msisdn: "2547******01" });
  });

  it("sends a wrong code back to the OTP page's error, as without js=1, and the session stays pending", async () => {
    const { client, pendingId } = await pending(TWO.msisdn);
    const response = await client.post("/session/otp", { form: { otp: "WRONG1", js: "1" }, headers: navigation });
    expect([response.status, response.headers.get("location")]).toEqual([303, "/otp?error=invalid_otp"]);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(client.sessionId).toBe(pendingId);
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "pending_otp" });
  });

  it("never accepts the used code again: not with the old id (dead), not with the new one (already active)", async () => {
    const { client, pendingId } = await pending(ONE.msisdn);
    const first = await client.post("/session/otp", { form: { otp: OTP, js: "1" }, headers: navigation });
    expect(first.status).toBe(onNode ? 200 : 303);
    const activeId = client.sessionId!;
    expect(validations()).toHaveLength(1);
    const replays = [
      await stack.client().post("/session/otp", { form: { otp: OTP, js: "1" }, headers: { ...navigation, ...withOldCookie(pendingId) } }),
      await client.post("/session/otp", { form: { otp: OTP, js: "1" }, headers: navigation }),
    ];
    for (const replay of replays) {
      expect(replay.status).not.toBe(200);
      expect(replay.headers.get("location")).not.toBe("/");
      expect(replay.headers.getSetCookie().map(parseSetCookie).filter((c) => c.name === SESSION_COOKIE && c.value !== "")).toEqual([]);
    }
    expect(validations()).toHaveLength(1);
    expect(client.sessionId).toBe(activeId);
    expect(await (await client.get("/session")).json()).toMatchObject({ state: "active" });
  });
});

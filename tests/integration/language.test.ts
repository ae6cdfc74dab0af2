import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { parseSetCookie, SESSION_COOKIE, type GatewayClient } from "../support/client";
import { startFlowsStack, type FlowsStack } from "../support/flows-stack";
import { OTP } from "../support/stack";
import { flowToken } from "../support/whatsapp-flows";

// POST /language: the language switch's form, for a tap before the page's script has arrived or
// without JavaScript, and the hydrated switch's script call (components/LanguageSwitch.tsx). It
// remembers the choice in the same `lang` cookie the page's script writes, goes back only to a path
// on this site, and a signed-in taxpayer's choice is the one the number's WhatsApp Flows then speak.
const [ONE] = TEST_TAXPAYERS;

describe("POST /language", () => {
  let stack: FlowsStack;
  beforeAll(async () => {
    stack = await startFlowsStack();
  });
  afterAll(() => stack?.stop());

  const choose = (form: Record<string, string>, client: GatewayClient = stack.client()) => client.post("/language", { form });

  it("sets the lang cookie as the page's own switch does (readable by its script: not HttpOnly) and 303s back to the page, no session needed", async () => {
    const response = await choose({ lang: "sw", back: "/otp?error=invalid_otp&from=resend" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/otp?error=invalid_otp&from=resend");
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    expect(cookies).toEqual([{ name: "lang", value: "sw", attributes: { path: "/", "max-age": "31536000", samesite: "Lax", secure: true } }]);
    const english = await choose({ lang: "en", back: "/returns/nil?obligation=2" });
    expect([english.status, english.headers.get("location")]).toEqual([303, "/returns/nil?obligation=2"]);
    expect(english.headers.getSetCookie().map(parseSetCookie).map(({ name, value }) => `${name}=${value}`)).toEqual(["lang=en"]);
  });

  it("leaves a signed-in taxpayer's session as it is", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const response = await choose({ lang: "sw", back: "/" }, client);
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().filter((cookie) => cookie.startsWith(SESSION_COOKIE))).toEqual([]);
    expect(((await (await client.get("/session", { headers: { accept: "application/json" } })).json()) as { state: string }).state).toBe("active");
  });

  it.each([
    ["a protocol-relative address", "//evil.example"],
    ["a protocol-relative address with a path", "//evil.example/otp"],
    ["an absolute address", "https://evil.example"],
    ["an absolute address on our own scheme", "http://evil.example/"],
    ["a backslash (read as a slash by browsers)", "/\\evil.example"],
    ["a backslash first", "\\\\evil.example"],
    ["a javascript: address", "javascript:alert(1)"],
    ["a data: address", "data:text/html,hi"],
    ["a double slash further on", "/otp//evil.example"],
    ["a tab after the slash (browsers drop it)", "/\t/evil.example"],
    ["a line break (header injection)", "/otp\r\nSet-Cookie: lang=en"],
    ["a space first", " /otp"],
    ["a relative path", "otp"],
    ["non-ASCII text", "/ötp"],
    ["an empty one", ""],
    ["a path over 1,024 characters", `/${"a".repeat(1024)}`],
  ])("goes home instead of %s (never an open redirect)", async (_, back) => {
    const response = await choose({ lang: "sw", back });
    expect([response.status, response.headers.get("location")]).toEqual([303, "/"]);
    expect(response.headers.getSetCookie().map(parseSetCookie).map(({ name, value }) => `${name}=${value}`)).toEqual(["lang=sw"]);
  });

  it("goes home without a back field, and keeps a path of exactly 1,024 characters", async () => {
    expect((await choose({ lang: "en" })).headers.get("location")).toBe("/");
    const longest = `/${"a".repeat(1023)}`;
    expect((await choose({ lang: "en", back: longest })).headers.get("location")).toBe(longest);
  });

  it.each([
    ["a language the gateway does not speak", { lang: "fr", back: "/" }],
    ["an upper-case code", { lang: "SW", back: "/" }],
    ["an empty language", { lang: "", back: "/" }],
    ["no language", { back: "/" }],
  ])("refuses %s with the generic 400 and sets no cookie", async (_, form) => {
    const response = await stack.client().post("/language", { form, headers: { accept: "application/json" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("bad_request");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get("location")).toBeNull();
  });

  it("refuses a language that is not a string (JSON) and a plain form post of a bad one (its refusal page), setting nothing", async () => {
    const json = await stack.client().post("/language", { json: { lang: ["sw"], back: "/" } });
    expect([json.status, ((await json.json()) as { error: string }).error]).toEqual([400, "bad_request"]);
    expect(json.headers.getSetCookie()).toEqual([]);
    const page = await choose({ lang: "xx", back: "/" });
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ["another site, by Sec-Fetch-Site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["a sibling site", { "sec-fetch-site": "same-site", origin: "https://sub.evil.example" }],
    ["another site, by Origin alone (no Sec-Fetch-Site)", { origin: "https://evil.example" }],
    ["neither signal", {}],
  ])("refuses a post from %s (403 csrf) and sets nothing", async (_, headers: Record<string, string>) => {
    const response = await stack.client().post("/language", { form: { lang: "sw", back: "/" }, sameOrigin: false, headers: { accept: "application/json", ...headers } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe("csrf");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("accepts the browser's own form post from a no-referrer page (Origin: null, Sec-Fetch-Site: same-origin)", async () => {
    const response = await stack.client().post("/language", {
      form: { lang: "sw", back: "/" }, sameOrigin: false, headers: { origin: "null", "sec-fetch-site": "same-origin" },
    });
    expect([response.status, response.headers.get("location")]).toEqual([303, "/"]);
    expect(response.headers.getSetCookie().map(parseSetCookie)[0]).toMatchObject({ name: "lang", value: "sw" });
  });

  describe("and the language of the number's WhatsApp Flows (a token that leaves it to the web)", () => {
    let number = 254799000600;
    /** A taxpayer the simulated upstream knows, entered from the chat with an English page. */
    const freshTaxpayer = () => {
      const msisdn = String(number++);
      stack.upstream.registerTaxpayer(msisdn, "LANGUAGE SWITCHER");
      return msisdn;
    };
    /** The SMS code's label on a new Flow's first screen: the language the Flow speaks. */
    const flowSpeaks = async (msisdn: string) => {
      const answer = await stack.whatsappClient().init(await flowToken(stack.linkSecret, "pin-checker", msisdn, { language: "web" }));
      expect(answer.status).toBe(200);
      return { "SMS code": "en", "Nambari ya SMS": "sw" }[String(answer.answer!.data!.otp_label)];
    };

    it("follows a signed-in taxpayer's switch: the form post and the hydrated switch's script call alike", async () => {
      const msisdn = freshTaxpayer();
      const client = await stack.signIn(msisdn);
      expect(await flowSpeaks(msisdn)).toBe("en");
      expect((await choose({ lang: "sw", back: "/" }, client)).status).toBe(303);
      expect(await flowSpeaks(msisdn)).toBe("sw");
      const script = await client.post("/language", { json: { lang: "en" }, headers: { accept: "application/json", "x-csrf": "1" } });
      expect(script.status).toBe(204);
      expect(script.headers.getSetCookie().map(parseSetCookie).map(({ name, value }) => `${name}=${value}`)).toEqual(["lang=en"]);
      expect(await flowSpeaks(msisdn)).toBe("en");
    });

    it("changes nothing on the server without a signed-in session: none, one awaiting its SMS code, or one signed out", async () => {
      const msisdn = freshTaxpayer();
      expect((await choose({ lang: "sw", back: "/" })).headers.getSetCookie().map(parseSetCookie)[0]).toMatchObject({ name: "lang", value: "sw" });
      const pending = stack.client();
      expect((await pending.enter(await stack.signedLink(msisdn))).headers.get("location")).toBe("/otp");
      expect((await choose({ lang: "sw", back: "/otp" }, pending)).status).toBe(303);
      expect(await flowSpeaks(msisdn)).toBe("en");
      expect((await pending.submitOtp(OTP)).status).toBe(303);
      const signedOut = pending.sessionId;
      expect((await pending.post("/session/logout", { headers: { accept: "application/json" } })).status).toBe(204);
      const stale = await stack.client().post("/language", { form: { lang: "sw", back: "/" }, headers: { cookie: `${SESSION_COOKIE}=${signedOut}` } });
      expect(stale.status).toBe(303);
      expect(await flowSpeaks(msisdn)).toBe("en");
    });

    it("takes a switch made while awaiting the SMS code once the code signs the taxpayer in (the page's language then)", async () => {
      const msisdn = freshTaxpayer();
      const client = stack.client();
      expect((await client.enter(await stack.signedLink(msisdn))).headers.get("location")).toBe("/otp");
      expect((await choose({ lang: "sw", back: "/otp" }, client)).status).toBe(303);
      expect(await flowSpeaks(msisdn)).toBe("en");
      expect((await client.submitOtp(OTP, { headers: { cookie: `${SESSION_COOKIE}=${client.sessionId}; lang=sw` } })).status).toBe(303);
      expect(await flowSpeaks(msisdn)).toBe("sw");
    });

    it("refuses a script call from another site (403 csrf) and keeps the number's language", async () => {
      const msisdn = freshTaxpayer();
      const client = await stack.signIn(msisdn);
      const hostile = await client.post("/language", {
        json: { lang: "sw" }, sameOrigin: false, headers: { accept: "application/json", "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      });
      expect(hostile.status).toBe(403);
      expect(await flowSpeaks(msisdn)).toBe("en");
    });
  });
});

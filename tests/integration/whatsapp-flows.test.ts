import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS, TAX_STATIONS } from "../upstream";
import { INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN } from "../upstream/internals";
import { startFlowsStack, undeclaredInFlowJson, type FlowsStack } from "../support/flows-stack";
import { encryptFlowRequest, flowToken, FLOWS_PATH, generateFlowKey, postFlowBody, signFlowBody, type FlowAnswer, type FlowReplyJson, type SimulatedWhatsAppClient } from "../support/whatsapp-flows";
import { OTP } from "../support/stack";
import { verifyLink } from "../../server/utils/signed-link";

// WhatsApp Flows (issue 24) on both runtimes: a simulated WhatsApp client encrypts each request as Meta's
// data API 3.0 says, and the three Flows run end to end against the simulated upstream through the proxy's rules.
const [ONE, TWO, THREE, FOUR, FIVE] = TEST_TAXPAYERS;
let stack: FlowsStack;
let whatsapp: SimulatedWhatsAppClient;
/** Every decrypted answer by Flow, checked against the Flow JSON files at the end. */
const answered: Record<"pin-checker" | "nil-return" | "what-i-owe", FlowReplyJson[]> = { "pin-checker": [], "nil-return": [], "what-i-owe": [] };
const texts: string[] = [];

beforeAll(async () => {
  // Three OTP sends per number in the window, shared by the web's entry and the Flows' INIT.
  stack = await startFlowsStack({ env: { NITRO_RATE_LIMIT_OTP_SEND_MSISDN: "3/900" } });
  whatsapp = stack.whatsappClient();
}, 120_000);
afterAll(() => stack?.stop());

type Flow = keyof typeof answered;

function keep(flow: Flow, answer: FlowAnswer): FlowReplyJson {
  texts.push(answer.text);
  expect(answer.status, answer.text).toBe(200);
  answered[flow].push(answer.answer!);
  texts.push(JSON.stringify(answer.answer));
  return answer.answer!;
}

/** A Flow run for `msisdn` up to its first screen after the SMS code. */
async function signedIn(flow: Flow, msisdn: string, language: "en" | "sw" = "en"): Promise<{ token: string; first: FlowReplyJson }> {
  const token = await flowToken(stack.linkSecret, flow, msisdn, { language });
  const signIn = keep(flow, await whatsapp.init(token));
  expect(signIn.screen).toBe("SIGN_IN");
  return { token, first: keep(flow, await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })) };
}

describe("the envelope", () => {
  it("answers ping with status active, sealed under the request's key and flipped IV", async () => {
    const answer = await whatsapp.ping();
    expect(answer.status).toBe(200);
    expect(answer.answer).toEqual({ data: { status: "active" } });
    expect(answer.text).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("refuses a missing or wrong signature with 432, before decrypting anything", async () => {
    expect((await whatsapp.send({ version: "3.0", action: "ping" }, { signature: null })).status).toBe(432);
    expect((await whatsapp.send({ version: "3.0", action: "ping" }, { signature: `sha256=${"0".repeat(64)}` })).status).toBe(432);
    // Signed, then changed in transit: the signature covers the raw body.
    const sealed = encryptFlowRequest(stack.current.publicKey, { version: "3.0", action: "ping" });
    const response = await postFlowBody(`${stack.gateway.url}${FLOWS_PATH}`, sealed.body.replace("{", "{ "), signFlowBody(stack.appSecret, sealed.body));
    expect(response.status).toBe(432);
    expect(JSON.parse(response.text)).toMatchObject({ error: "flow_signature" });
  });

  it("answers 421 for another key or a tampered ciphertext, with nothing in the body", async () => {
    const stranger = generateFlowKey("pkcs8");
    const wrongKey = await whatsapp.send({ version: "3.0", action: "ping" }, { publicKey: stranger.publicKey });
    expect(wrongKey.status).toBe(421);
    const tampered = await whatsapp.send({ version: "3.0", action: "ping" }, {
      body: (body) => {
        const envelope = JSON.parse(body);
        const bytes = Buffer.from(envelope.encrypted_flow_data, "base64");
        bytes[0] ^= 1;
        return JSON.stringify({ ...envelope, encrypted_flow_data: bytes.toString("base64") });
      },
    });
    expect(tampered.status).toBe(421);
    expect(tampered.text).not.toMatch(/ping|active/);
  });

  it("opens requests sealed for the previous key too (rotation)", async () => {
    const previous = stack.whatsappClient(stack.previous.publicKey);
    expect((await previous.ping()).answer).toEqual({ data: { status: "active" } });
  });
});

describe("flow tokens", () => {
  it("refuses expired, forged and foreign tokens with 427", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await flowToken(stack.linkSecret, "pin-checker", TWO.msisdn, { ttlSeconds: 60, nowSeconds: now - 120 });
    expect((await whatsapp.init(expired)).status).toBe(427);
    const forged = await flowToken("another-secret-of-at-least-32-bytes!!", "pin-checker", TWO.msisdn);
    expect((await whatsapp.init(forged)).status).toBe(427);
    const good = await flowToken(stack.linkSecret, "pin-checker", TWO.msisdn);
    // The same signature over another Flow's name (or number) is not a token.
    expect((await whatsapp.init(good.replace("pin-checker", "nil-return"))).status).toBe(427);
    expect((await whatsapp.init(good.replace(TWO.msisdn, THREE.msisdn))).status).toBe(427);
    expect((await whatsapp.exchange(good, "PIN_INPUT", { pin_to_check: ONE.pin })).status).toBe(427); // never started
    // Sent from another Flow's screen: the token was put in the wrong Flow message.
    expect((await whatsapp.send({ version: "3.0", action: "INIT", screen: "OBLIGATION", flow_token: good })).status).toBe(427);
  });
});

describe("the three Flows, end to end", () => {
  it("PIN checker: the SMS code, a PIN, its name and station, then the summary closes the Flow", async () => {
    const { token, first } = await signedIn("pin-checker", ONE.msisdn);
    expect(first.screen).toBe("PIN_INPUT");
    const result = keep("pin-checker", await whatsapp.exchange(token, "PIN_INPUT", { pin_to_check: THREE.pin.toLowerCase() }));
    expect(result.screen).toBe("PIN_RESULT");
    expect(result.data!.result).toContain(THREE.name);
    expect(result.data!.result).toContain(TAX_STATIONS[THREE.pin] ?? "");
    const done = keep("pin-checker", await whatsapp.exchange(token, "PIN_RESULT", { done: "1" }));
    expect(done).toEqual({
      screen: "SUCCESS",
      data: { extension_message_response: { params: { flow_token: token, summary: `PIN check: ${THREE.pin} is ${THREE.name}.` } } },
    });
    // Completed: the token is spent, for every action.
    expect((await whatsapp.init(token)).status).toBe(427);
    expect((await whatsapp.exchange(token, "PIN_INPUT", { pin_to_check: THREE.pin })).status).toBe(427);
  });

  it("NIL return: own obligations, the upstream's period, confirm, the acknowledgement", async () => {
    const { token, first } = await signedIn("nil-return", ONE.msisdn);
    expect(first.screen).toBe("OBLIGATION");
    expect((first.data!.obligations as { id: string }[]).map((o) => o.id).sort()).toEqual(["2", "7"]);
    const confirm = keep("nil-return", await whatsapp.exchange(token, "OBLIGATION", { obligation: "7" }));
    expect(confirm.screen).toBe("CONFIRM");
    expect(confirm.data!.summary).toMatch(/PAYE.*\d{2}\/\d{2}\/\d{4} - \d{2}\/\d{2}\/\d{4}/);
    stack.upstream.clearReceived();
    const receipt = keep("nil-return", await whatsapp.exchange(token, "CONFIRM", { confirm: "1" }));
    expect(receipt.screen).toBe("RECEIPT");
    const filed = stack.upstream.received.filter((request) => request.path.endsWith("/file-return"));
    expect(filed).toHaveLength(1);
    expect(JSON.parse(filed[0].body)).toMatchObject({ tax_payer_pin: ONE.pin, returnType: "nil_return", kra_obligation_id: "7" });
    const ack = /Acknowledgement number: (\S+)/.exec(String(receipt.data!.result))![1];
    const done = keep("nil-return", await whatsapp.exchange(token, "RECEIPT", { done: "1" }));
    expect(done.data).toEqual({ extension_message_response: { params: { flow_token: token, summary: `NIL return filed. Acknowledgement number: ${ack}.` } } });
  });

  it("What I owe: each own obligation's liabilities with the total", async () => {
    const { token, first } = await signedIn("what-i-owe", ONE.msisdn);
    expect(first.screen).toBe("OWED");
    expect(first.data!.result).toContain("Income Tax - PAYE: KES 14,520.00");
    expect(first.data!.result).toContain("KES 1,575.00");
    expect(first.data!.result).toContain("Total owed: KES 16,095.00");
    const done = keep("what-i-owe", await whatsapp.exchange(token, "OWED", { done: "1" }));
    expect(done.data).toEqual({ extension_message_response: { params: { flow_token: token, summary: "What you owe KRA: KES 16,095.00." } } });
  });

  it("points a number KRA does not know to the web sign-up, with a signed entry link for that number", async () => {
    const token = await flowToken(stack.linkSecret, "nil-return", "254799000123");
    const answer = keep("nil-return", await whatsapp.init(token));
    expect(answer.screen).toBe("NOT_REGISTERED");
    const link = new URL(String(answer.data!.signup_url));
    expect(link.origin).toBe(stack.origin);
    const fields = Object.fromEntries(link.searchParams) as { phone: string; exp: string; nonce: string; sig: string };
    expect(fields.phone).toBe("254799000123");
    expect(await verifyLink([stack.linkSecret], fields, Math.floor(Date.now() / 1000))).toBe("valid");
    expect((await whatsapp.init(token)).status).toBe(427); // the token is spent; no session was made
  });

  it("speaks the number's last web choice when the token leaves the language to it, else English", async () => {
    stack.upstream.registerTaxpayer("254799000300", "WEB KISWAHILI");
    const web = stack.client();
    expect((await web.enter(await stack.signedLink("254799000300"), { headers: { cookie: "lang=sw" } })).status).toBe(303);
    const token = await flowToken(stack.linkSecret, "pin-checker", "254799000300", { language: "web" });
    expect(keep("pin-checker", await whatsapp.init(token)).data!.otp_label).toBe("Nambari ya SMS");
    const unknown = await flowToken(stack.linkSecret, "pin-checker", THREE.msisdn, { language: "web" });
    expect(keep("pin-checker", await whatsapp.init(unknown)).data!.otp_label).toBe("SMS code");
  });

  it("lets the same Flow message try again when the identity service failed at INIT", async () => {
    stack.upstream.registerTaxpayer("254799000400", "RETRY TAXPAYER");
    const token = await flowToken(stack.linkSecret, "what-i-owe", "254799000400");
    stack.upstream.addFault({ fault: { kind: "status", status: 503 }, path: /\/init$/, times: 1 });
    const failed = keep("what-i-owe", await whatsapp.init(token));
    expect(failed).toEqual({ screen: "NOTICE", data: { message: expect.any(String), done: "Done" } });
    stack.upstream.clearFaults();
    expect(keep("what-i-owe", await whatsapp.init(token)).screen).toBe("SIGN_IN");
  });

  it("ends on a notice when there is nothing to file, and ends the session with it (its button closes the Flow unseen)", async () => {
    stack.upstream.registerTaxpayer("254799000200", "NEW TAXPAYER");
    const { token, first } = await signedIn("nil-return", "254799000200");
    expect(first).toEqual({ screen: "NOTICE", data: { message: "You have no obligations a NIL return can be filed for here.", done: "Done" } });
    // No signed-in session (nor its upstream token) stays behind the token: every replay is refused.
    expect((await whatsapp.back(token, "NOTICE")).status).toBe(427);
    expect((await whatsapp.init(token)).status).toBe(427);
    expect((await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })).status).toBe(427);
  });

  it("tries the first screen again after the SMS code when its upstream call failed", async () => {
    const token = await flowToken(stack.linkSecret, "what-i-owe", FOUR.msisdn);
    expect(keep("what-i-owe", await whatsapp.init(token)).screen).toBe("SIGN_IN");
    stack.upstream.addFault({ fault: { kind: "status", status: 503 }, path: /obligations/, times: 1 });
    const failed = keep("what-i-owe", await whatsapp.exchange(token, "SIGN_IN", { otp: OTP }));
    expect(failed).toEqual({ screen: "NOTICE", data: { message: expect.any(String), done: "Done" } });
    stack.upstream.clearFaults();
    stack.upstream.clearReceived();
    // Opened again (INIT): the first screen asks the upstream again, instead of the SMS code (then "invalid" forever).
    expect(keep("what-i-owe", await whatsapp.init(token)).screen).not.toBe("SIGN_IN");
    expect(stack.upstream.received.filter((request) => request.path.includes("obligations")).length).toBeGreaterThan(0);
  });

  it("speaks Kiswahili when the token says so, and answers BACK and a repeated INIT with the current screen", async () => {
    const { token, first } = await signedIn("pin-checker", FOUR.msisdn, "sw");
    expect(first.data!.intro).toBe("Weka PIN ya KRA unayotaka kukagua.");
    expect(keep("pin-checker", await whatsapp.back(token, "PIN_INPUT"))).toEqual(first);
    expect(keep("pin-checker", await whatsapp.init(token))).toEqual(first);
  });
});

describe("the web app's rules", () => {
  it("refuses a PIN or number in the payload and never calls the upstream with it", async () => {
    const { token } = await signedIn("nil-return", TWO.msisdn);
    stack.upstream.clearReceived();
    const bound = keep("nil-return", await whatsapp.exchange(token, "OBLIGATION", { obligation: "2", tax_payer_pin: ONE.pin, msisdn: ONE.msisdn }));
    expect(bound.screen).toBe("OBLIGATION");
    expect(bound.data).toMatchObject({ has_error: true, error: "Some fields are missing or not valid." });
    // An obligation that is not the taxpayer's own is refused the same way.
    expect(keep("nil-return", await whatsapp.exchange(token, "OBLIGATION", { obligation: "33" })).data).toMatchObject({ has_error: true });
    expect(stack.upstream.received).toEqual([]);
    const pin = await signedIn("pin-checker", TWO.msisdn);
    stack.upstream.clearReceived();
    keep("pin-checker", await whatsapp.exchange(pin.token, "PIN_INPUT", { pin_to_check: ONE.pin, msisdn: ONE.msisdn }));
    expect(stack.upstream.received.filter((request) => request.path.includes("pin-checker"))).toEqual([]);
  });

  it("shares the number's OTP send budget with the web's entry", async () => {
    await stack.signIn(FIVE.msisdn);
    await stack.signIn(FIVE.msisdn);
    await stack.signIn(FIVE.msisdn);
    const token = await flowToken(stack.linkSecret, "what-i-owe", FIVE.msisdn);
    const refused = keep("what-i-owe", await whatsapp.init(token));
    expect(refused).toEqual({ screen: "NOTICE", data: { message: "Too many attempts. Please wait and try again.", done: "Done" } });
    // A refusal by a limit does not spend the token: the same Flow message can be tried again later.
    expect(keep("what-i-owe", await whatsapp.init(token))).toEqual(refused);
  });

  it("forwards none of the client's headers to the upstream, and shows an upstream 304 as the upstream's error", async () => {
    const { token, first } = await signedIn("pin-checker", TWO.msisdn);
    expect(first.screen).toBe("PIN_INPUT");
    const unsigned = { accept: "text/x-not-json", "accept-language": "fr-FR", "if-none-match": "\"etag-from-a-client\"" };
    const check = { version: "3.0", action: "data_exchange", screen: "PIN_INPUT", data: { pin_to_check: THREE.pin }, flow_token: token };
    stack.upstream.addFault({ fault: { kind: "status", status: 304 }, path: /pin-checker/, times: 1 });
    const notModified = keep("pin-checker", await whatsapp.send(check, { headers: unsigned }));
    stack.upstream.clearFaults();
    expect(notModified).toEqual({ screen: "NOTICE", data: { message: "The KRA service could not complete this request. Please try again later.", done: "Done" } });
    stack.upstream.clearReceived();
    expect(keep("pin-checker", await whatsapp.send(check, { headers: unsigned })).screen).toBe("PIN_RESULT");
    const [checked] = stack.upstream.received.filter((request) => request.path.includes("pin-checker"));
    expect(checked.headers["if-none-match"]).toBeUndefined();
    expect(checked.headers["accept-language"]).toBeUndefined();
    expect(checked.headers.accept).not.toBe(unsigned.accept);
  });

  it("spends the session's OTP attempts like the web, then ends the run", async () => {
    const token = await flowToken(stack.linkSecret, "pin-checker", THREE.msisdn);
    keep("pin-checker", await whatsapp.init(token));
    for (let i = 0; i < 4; i++) {
      const wrong = keep("pin-checker", await whatsapp.exchange(token, "SIGN_IN", { otp: "WRONG1" }));
      expect(wrong).toMatchObject({ screen: "SIGN_IN", data: { has_error: true, error: "That code is not correct. Try again." } });
    }
    const last = keep("pin-checker", await whatsapp.exchange(token, "SIGN_IN", { otp: "WRONG1" }));
    expect(last.screen).toBe("NOTICE");
    expect((await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })).status).toBe(427);
  });

  it("takes each OTP attempt atomically: parallel wrong codes never reach /validate-otp more than the budget allows", async () => {
    const SIX = TEST_TAXPAYERS[5];
    const token = await flowToken(stack.linkSecret, "what-i-owe", SIX.msisdn);
    keep("what-i-owe", await whatsapp.init(token));
    stack.upstream.clearReceived();
    const answers = await Promise.all(Array.from({ length: 12 }, () => whatsapp.exchange(token, "SIGN_IN", { otp: "WRONG1" })));
    expect(stack.upstream.received.filter((request) => request.path.endsWith("/validate-otp")).length).toBeLessThanOrEqual(5);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 427)).toBe(true);
    expect((await whatsapp.exchange(token, "SIGN_IN", { otp: OTP })).status).toBe(427);
  });

  it("passes nothing of the upstream's internal fields into a decrypted answer", () => {
    const all = texts.join("\n");
    for (const secret of [INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN, "internal_note", "service_token"]) expect(all).not.toContain(secret);
  });

  it("logs no flow token, full number or payload", () => {
    const log = stack.gateway.output.join("\n");
    for (const taxpayer of [ONE, TWO, THREE, FOUR, FIVE]) expect(log).not.toContain(taxpayer.msisdn);
    expect(log).not.toMatch(/pin-checker\.(en|sw)\.254/);
    expect(log).not.toContain("encrypted_flow_data");
    const refused = stack.gateway.logLines().filter((line) => line.msg === "flow request refused");
    expect(new Set(refused.map((line) => line.code))).toEqual(new Set(["flow_signature", "flow_undecryptable", "flow_token_invalid"]));
    for (const line of refused) expect(Object.keys(line).sort()).toEqual(["code", "level", "msg", "requestId", "time"]);
  });
});

describe("Flow JSON files", () => {
  it("declare every screen and data field the handlers answered with", () => {
    for (const answers of Object.values(answered)) expect(answers.length).toBeGreaterThan(0);
    expect(Object.entries(answered).flatMap(([flow, answers]) => undeclaredInFlowJson(flow, answers))).toEqual([]);
  });
});

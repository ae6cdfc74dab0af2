import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OTHER_PARTIES, SIGNUP_NUMBERS, SIGNUP_PEOPLE, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { onNode } from "../support/gateway";
import { OTP, startStack, type Stack } from "../support/stack";

// Issue 18, items 2-4 and 7: one canonical ID, no free oracle after a matching year, one person per
// phone, and an audit line for every identity disclosure.
const [SELLER_ONE, SELLER_TWO, SELLER_THREE, VAT_TRADER, NO_PIN, RESIDENT] = SIGNUP_PEOPLE;
const json = { headers: { accept: "application/json" } };

async function verifyPhone(stack: Stack, msisdn: string): Promise<GatewayClient> {
  const client = stack.client();
  expect((await client.enter(await stack.signedLink(msisdn))).status).toBe(303);
  expect((await client.submitOtp(OTP)).status).toBe(303);
  return client;
}

const post = (client: GatewayClient, path: string, body: Record<string, unknown>) => client.post(path, { ...json, json: body });
const retrieve = (client: GatewayClient, person: (typeof SIGNUP_PEOPLE)[number], idNumber = person.idNumber) =>
  post(client, "/session/pin/retrieve", { id_number: idNumber, yob: person.yob });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

describe("no free oracle: every answer after a matching year spends the PIN-show budgets", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_PIN_SHOW_ID: "1/86400", NITRO_RATE_LIMIT_PIN_SHOW_MSISDN: "100/86400" } });
  });
  afterAll(() => stack?.stop());

  it("pin_not_found spends the ID's PIN-show budget: the next right year is 429 before id-lookup", async () => {
    const found = await retrieve(await verifyPhone(stack, "254724000001"), NO_PIN);
    expect([found.status, await errorOf(found)]).toEqual([404, "pin_not_found"]);
    stack.upstream.clearReceived();
    const again = await retrieve(await verifyPhone(stack, "254724000002"), NO_PIN);
    expect([again.status, await errorOf(again)]).toEqual([429, "rate_limited"]);
    expect(stack.upstream.receivedOn("/api/ussd/id-lookup")).toEqual([]);
  });

  it("pin_exists spends it too; a wrong year does not", async () => {
    const applicant = await post(await verifyPhone(stack, "254724000003"), "/session/pin/applicant", {
      id_number: SELLER_ONE.idNumber, yob: SELLER_ONE.yob, first_name: "New", type: "citizen",
    });
    expect([applicant.status, await errorOf(applicant)]).toEqual([409, "pin_exists"]);
    const refused = await retrieve(await verifyPhone(stack, "254724000004"), SELLER_ONE);
    expect(refused.status).toBe(429);
    const guesser = await verifyPhone(stack, "254724000005");
    expect((await post(guesser, "/session/pin/retrieve", { id_number: SELLER_TWO.idNumber, yob: 1900 })).status).toBe(422);
    const owner = await retrieve(await verifyPhone(stack, "254724000006"), SELLER_TWO);
    expect(owner.status).toBe(200);
    expect(await owner.json()).toEqual({ name: SELLER_TWO.name, pin: SELLER_TWO.pin });
  });

  // Issue 18 review, I3: eTIMS sign-up's answers after a matching year (409 vat_registered, the outcomes) cost the same.
  it("eTIMS sign-up's vat_registered spends the ID's PIN-show budget: the next right year is 429 before id-lookup", async () => {
    const signup = (client: GatewayClient) => post(client, "/session/signup/etims", { id_number: VAT_TRADER.idNumber, yob: VAT_TRADER.yob });
    const vat = await signup(await verifyPhone(stack, "254724000051"));
    expect([vat.status, await errorOf(vat)]).toEqual([409, "vat_registered"]);
    stack.upstream.clearReceived();
    for (const client of [await verifyPhone(stack, "254724000052"), await verifyPhone(stack, "254724000053")]) {
      const again = await signup(client);
      expect([again.status, await errorOf(again)]).toEqual([429, "rate_limited"]);
    }
    const retrieved = await retrieve(await verifyPhone(stack, "254724000054"), VAT_TRADER);
    expect(retrieved.status).toBe(429);
    expect(stack.upstream.receivedOn("/api/ussd/id-lookup")).toEqual([]);
  });

  it("an ID is one key however many leading zeros it is typed with, and is sent upstream without them", async () => {
    stack.upstream.clearReceived();
    const shown = await retrieve(await verifyPhone(stack, "254724000007"), SELLER_THREE, `0${SELLER_THREE.idNumber}`);
    expect(shown.status).toBe(200);
    expect(stack.upstream.receivedOn("/api/ussd/id-lookup").map((r) => JSON.parse(r.body).id_number)).toEqual([SELLER_THREE.idNumber]);
    // PIN_SHOW_ID is 1: the view above was of this ID, typed without the zero or with it.
    for (const typed of [SELLER_THREE.idNumber, `0${SELLER_THREE.idNumber}`]) {
      expect((await retrieve(await verifyPhone(stack, `25472400001${typed.length}`), SELLER_THREE, typed)).status).toBe(429);
    }
    const zeros = await post(await verifyPhone(stack, "254724000008"), "/session/pin/retrieve", { id_number: "000000", yob: 1990 });
    expect([zeros.status, await errorOf(zeros)]).toEqual([400, "invalid_body"]);
  });
});

describe("one person per phone: distinct IDs per number", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_IDENTITY_IDS_MSISDN: "2/86400", NITRO_RATE_LIMIT_PIN_SHOW_MSISDN: "100/86400" } });
  });
  afterAll(() => stack?.stop());

  it("a number may ask about two IDs a day across the identity routes; the third is 429 before id-lookup", async () => {
    const client = await verifyPhone(stack, "254724000021");
    expect((await retrieve(client, SELLER_ONE)).status).toBe(200);
    expect((await post(client, "/session/signup/etims", { id_number: SELLER_TWO.idNumber, yob: 1900 })).status).toBe(422);
    expect((await retrieve(client, SELLER_ONE, `0${SELLER_ONE.idNumber}`)).status).toBe(200); // the same ID again: free
    stack.upstream.clearReceived();
    for (const [path, body] of [
      ["/session/pin/retrieve", { id_number: SELLER_THREE.idNumber, yob: SELLER_THREE.yob }],
      ["/session/signup/etims", { id_number: VAT_TRADER.idNumber, yob: VAT_TRADER.yob }],
      ["/session/pin/applicant", { id_number: NO_PIN.idNumber, yob: NO_PIN.yob, first_name: "Amina", type: "citizen" }],
    ] as const) {
      const refused = await post(client, path, body);
      expect([path, refused.status, await errorOf(refused)]).toEqual([path, 429, "rate_limited"]);
    }
    expect(stack.upstream.receivedOn("/api/ussd/id-lookup")).toEqual([]);
    expect((await retrieve(await verifyPhone(stack, "254724000022"), SELLER_THREE)).status).toBe(200); // another number is not held back
  });

  it("10 different IDs at once from one number, id-lookup slow: at most 2 reach it", async () => {
    const client = await verifyPhone(stack, "254724000023");
    stack.upstream.clearReceived();
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 200 }, path: "/api/ussd/id-lookup" });
    const ids = Array.from({ length: 10 }, (_, i) => String(31000000 + i));
    const statuses = await Promise.all(ids.map(async (id) => (await post(client, "/session/pin/retrieve", { id_number: id, yob: 1990 })).status));
    stack.upstream.clearFaults();
    expect(stack.upstream.receivedOn("/api/ussd/id-lookup")).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(8);
  });
});

describe("one person per phone: PIN registrations per number", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_PIN_REGISTRATION_MSISDN: "1/2592000", NITRO_RATE_LIMIT_PIN_SHOW_ID: "100/86400" } });
  });
  afterAll(() => stack?.stop());

  const applicants = {
    citizen: { id_number: NO_PIN.idNumber, yob: NO_PIN.yob, first_name: "Amina", type: "citizen" },
    resident: { id_number: RESIDENT.idNumber, yob: RESIDENT.yob, first_name: "Resident", type: "resident" },
  };

  // Issue 18 review, I4: each of these may hide a registered PIN, so none gives the registration back.
  it.each([
    ["a 5xx", "254724000033", { kind: "html503" }],
    ["a reset after the request was sent", "254724000034", { kind: "refuse" }],
    ["a 2xx the gateway cannot read", "254724000035", { kind: "status", status: 200, body: "<html>ok</html>", headers: { "content-type": "text/html" } }],
  ] as const)("%s keeps the registration: the next one for the number is 409 registration_limit, not sent", async (_label, msisdn, fault) => {
    const client = await verifyPhone(stack, msisdn);
    expect((await post(client, "/session/pin/applicant", applicants.citizen)).status).toBe(200);
    stack.upstream.addFault({ fault, path: "/api/ussd/pin-registration", times: 1 });
    const failed = await post(client, "/session/pin/register", { email: "a@example.com" });
    expect(failed.status).toBeGreaterThanOrEqual(422);
    expect((await post(client, "/session/pin/applicant", applicants.resident)).status).toBe(200);
    stack.upstream.clearReceived();
    const again = await post(client, "/session/pin/register", { email: "a@example.com" });
    expect([again.status, await errorOf(again)]).toEqual([409, "registration_limit"]);
    expect(stack.upstream.receivedOn("/api/ussd/pin-registration")).toEqual([]);
  });

  it("a JSON 4xx refusal by KRA gives the registration back; after one registration a second is 409 registration_limit, not sent", async () => {
    const client = await verifyPhone(stack, "254724000031");
    expect((await post(client, "/session/pin/applicant", applicants.citizen)).status).toBe(200);
    stack.upstream.addFault({ fault: { kind: "status", status: 422, body: JSON.stringify({ code: 4, message: "Invalid ID Number" }), headers: { "content-type": "application/json" } }, path: "/api/ussd/pin-registration", times: 1 });
    expect((await post(client, "/session/pin/register", { email: "a@example.com" })).status).toBe(422);
    expect((await post(client, "/session/pin/register", { email: "a@example.com" })).status).toBe(200);
    expect((await post(client, "/session/pin/applicant", applicants.resident)).status).toBe(200);
    stack.upstream.clearReceived();
    const second = await post(client, "/session/pin/register", { email: "a@example.com" });
    expect([second.status, await errorOf(second)]).toEqual([409, "registration_limit"]);
    expect(stack.upstream.receivedOn("/api/ussd/pin-registration")).toEqual([]);
  });

  it("two sessions of one number registering two people at once, pin-registration slow: one goes through", async () => {
    const first = await verifyPhone(stack, "254724000032");
    const second = await verifyPhone(stack, "254724000032");
    for (const client of [first, second]) expect((await post(client, "/session/pin/applicant", applicants.resident)).status).toBe(200);
    stack.upstream.clearReceived();
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 300 }, path: "/api/ussd/pin-registration" });
    const answers = await Promise.all([first, second].map((client) => post(client, "/session/pin/register", { email: "r@example.com" })));
    stack.upstream.clearFaults();
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(stack.upstream.receivedOn("/api/ussd/pin-registration")).toHaveLength(1);
  });
});

// Issue 18 review, I1: a buyer lookup by national ID shows the person's name and PIN without a year of
// birth: it spends the identity budgets of PIN retrieval before the call, and is audited.
describe("buyer lookup by national ID", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_PIN_SHOW_ID: "2/86400", NITRO_RATE_LIMIT_IDENTITY_IDS_MSISDN: "3/86400" } });
  });
  afterAll(() => stack?.stop());

  const [ONE, TWO] = TEST_TAXPAYERS;
  const PARTY = OTHER_PARTIES[0];
  const lookup = (client: GatewayClient, pinOrId: string) => client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: pinOrId } });
  const lookups = () => stack.upstream.receivedOn("/api/ussd/buyer-initiated/lookup").map((request) => JSON.parse(request.body).pin_or_id);

  it("10 parallel lookups of one ID from two numbers (some typed with a leading zero), lookup slow: 2 reach KRA, canonical, each audited", async () => {
    const clients = [await stack.signIn(ONE.msisdn), await stack.signIn(TWO.msisdn)];
    stack.upstream.clearReceived();
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 200 }, path: "/api/ussd/buyer-initiated/lookup" });
    const answers = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const response = await lookup(clients[i % 2], i % 3 === 0 ? `0${PARTY.idNumber}` : PARTY.idNumber);
      return { status: response.status, text: await response.text() };
    }));
    stack.upstream.clearFaults();
    expect(lookups()).toEqual([PARTY.idNumber, PARTY.idNumber]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, ...Array(8).fill(429)]);
    for (const answer of answers.filter((a) => a.status === 429)) expect(answer.text).not.toContain(PARTY.pin);
    const shownLines = () => stack.gateway.logLines().filter((line) => line.type === "audit" && line.event === "pin.shown");
    await vi.waitFor(() => expect(shownLines()).toHaveLength(2)); // the log pipe may lag the answer
    const shown = shownLines();
    for (const line of shown) expect(line.idSubject).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(stack.gateway.logLines())).not.toContain(PARTY.idNumber);
  });

  it("distinct IDs per number: 6 new IDs at once, lookup slow, reach KRA at most twice more; a PIN is not an ID", async () => {
    const client = await stack.signIn(ONE.msisdn); // the party's ID above was this number's first
    stack.upstream.clearReceived();
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 200 }, path: "/api/ussd/buyer-initiated/lookup" });
    const ids = Array.from({ length: 6 }, (_, i) => String(20000001 + i));
    const statuses = await Promise.all(ids.map(async (id) => (await lookup(client, id)).status));
    stack.upstream.clearFaults();
    expect(lookups()).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    expect((await lookup(client, PARTY.pin)).status).toBe(200);
  });
});

describe("the audit trail of identity disclosures", () => {
  let stack: Stack;
  const key = randomBytes(32);
  beforeAll(async () => {
    stack = await startStack({
      env: { NITRO_SESSION_ENCRYPTION_KEY: key.toString("base64url"), NITRO_RATE_LIMIT_IDENTITY_MISMATCH_ID: "1/86400" },
    });
  });
  afterAll(() => stack?.stop());

  /** The README's recipe: HKDF-SHA256 of the session key with the label, then HMAC-SHA256 of the canonical ID. */
  function idSubject(typed: string): string {
    const idKey = Buffer.from(hkdfSync("sha256", key, new Uint8Array(0), "kra-gw id-number hmac v1", 32)).toString("base64url");
    return createHmac("sha256", idKey).update(typed.replace(/^0+/, "")).digest("base64url");
  }

  it("one line per event with the masked number, its HMAC, the ID's HMAC, request id and client; never the ID, PIN, name or email", async () => {
    const client = await verifyPhone(stack, "254724000041");
    expect((await retrieve(client, SELLER_ONE, `0${SELLER_ONE.idNumber}`)).status).toBe(200); // pin.shown
    expect((await retrieve(client, NO_PIN)).status).toBe(404); // pin.not_found
    expect((await post(client, "/session/pin/retrieve", { id_number: SELLER_TWO.idNumber, yob: 1900 })).status).toBe(422); // identity.mismatch
    expect((await retrieve(client, SELLER_TWO)).status).toBe(429); // identity.locked
    expect((await post(client, "/session/pin/applicant", { id_number: NO_PIN.idNumber, yob: NO_PIN.yob, first_name: "Amina", type: "citizen" })).status).toBe(200);
    stack.upstream.addFault({ fault: { kind: "status", status: 422, body: JSON.stringify({ code: 4, message: "Invalid ID Number" }), headers: { "content-type": "application/json" } }, path: "/api/ussd/pin-registration", times: 1 });
    expect((await post(client, "/session/pin/register", { email: "amina@example.com" })).status).toBe(422); // registration.refused
    expect((await post(client, "/session/pin/register", { email: "amina@example.com" })).status).toBe(200); // pin.registered
    const enrolling = await verifyPhone(stack, SIGNUP_NUMBERS.other);
    const enrolled = await post(enrolling, "/session/signup/etims", { id_number: SELLER_THREE.idNumber, yob: SELLER_THREE.yob });
    expect(await enrolled.json()).toEqual({ outcome: "registered", next: "/otp" }); // etims.enrolled

    const audit = stack.gateway.logLines().filter((line) => line.type === "audit");
    const expected: [string, string, string][] = [
      ["pin.shown", SELLER_ONE.idNumber, "2547******41"], ["pin.not_found", NO_PIN.idNumber, "2547******41"],
      ["identity.mismatch", SELLER_TWO.idNumber, "2547******41"], ["identity.locked", SELLER_TWO.idNumber, "2547******41"],
      ["registration.refused", NO_PIN.idNumber, "2547******41"], ["pin.registered", NO_PIN.idNumber, "2547******41"],
      ["etims.enrolled", SELLER_THREE.idNumber, "2547******04"],
    ];
    for (const [event, idNumber, masked] of expected) {
      const lines = audit.filter((line) => line.event === event);
      expect(lines, event).toHaveLength(1);
      expect(lines[0]).toMatchObject({ idSubject: idSubject(idNumber), msisdn: masked });
      if (onNode) expect(lines[0].client, event).toBe("127.0.0.1"); // workerd has an address only behind Cloudflare
      expect(lines[0].subject, event).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(lines[0].requestId, event).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    }
    const text = JSON.stringify(audit);
    for (const secret of [...SIGNUP_PEOPLE.map((p) => p.idNumber), SELLER_ONE.pin!, SELLER_ONE.name, "amina@example.com", "254724000041"]) {
      expect(text.includes(secret), "an identity secret reached the audit trail").toBe(false);
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KRA_STAFF, SEEDED_TCCS, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Checkers and the TCC application (issue 11): tight queries, the PIN bound from the
// session, and the limits of lookups of other people's records.

const [ONE, , , FOUR, , SIX] = TEST_TAXPAYERS;
let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearReceived());

const checkerCalls = () => stack.upstream.received.filter((request) => /^\/api\/(taxpayer|itax|invoice-number-checker)/.test(request.path));

describe("checker queries", () => {
  it("reach the iTax base upper-cased and trimmed, with only the checked key", async () => {
    const response = await client.api("GET", `/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin.toLowerCase()}`);
    expect(response.status).toBe(200);
    const [sent] = stack.upstream.receivedOn("/api/taxpayer/pin-checker");
    expect(sent.query).toEqual({ pin_number: TEST_SELLER.pin });
  });

  it.each([
    ["a PIN of 10 characters", "/taxpayer/pin-checker?pin_number=A00000001A"],
    ["a PIN with a digit first", "/taxpayer/pin-checker?pin_number=1000000007G"],
    ["a PIN and another parameter", `/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin}&msisdn=254700000009`],
    ["the PIN twice", `/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin}&pin_number=${ONE.pin}`],
    ["no PIN", "/taxpayer/pin-checker"],
    ["a national ID with letters", "/taxpayer/staff-checker?national_id=2000000A"],
    ["a national ID of 12 digits", "/taxpayer/staff-checker?national_id=200000010000"],
    ["a TCC without the PIN", `/itax/validate-tcc?tcc_number=${SEEDED_TCCS[0].tccNo}`],
    ["a TCC number with punctuation", `/itax/validate-tcc?kra_pin=${ONE.pin}&tcc_number=KRA%3Cscript%3E`],
    ["a certificate number with spaces inside", "/taxpayer/import-certificate?certificate_no=IC%202026"],
    ["an invoice number too short", "/invoice-number-checker?invoice_number=AB1"],
    ["an invoice number with a quote", "/invoice-number-checker?invoice_number=KRACU01%27%3B--"],
  ])("%s: 400 invalid_query, nothing sent upstream", async (_, path) => {
    const response = await client.api("GET", path);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: "invalid_query" });
    expect(JSON.stringify(body)).not.toMatch(/254700000009|script|KRACU01'/);
    expect(checkerCalls()).toEqual([]);
  });

  it("a record the upstream does not find: its message, nothing else", async () => {
    const response = await client.api("GET", "/taxpayer/staff-checker?national_id=29999999");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ message: "No KRA staff member found with this ID number" });
  });

  it("POST to a checker is 405, and an upstream outage is a generic 502", async () => {
    expect((await client.api("POST", `/taxpayer/staff-checker?national_id=${KRA_STAFF[0].IDNUMBER}`, { json: {} })).status).toBe(405);
    stack.upstream.addFault({ fault: { kind: "html503" }, path: "/api/taxpayer/staff-checker", times: 1 });
    const response = await client.api("GET", `/taxpayer/staff-checker?national_id=${KRA_STAFF[0].IDNUMBER}`);
    expect(response.status).toBe(502);
    expect(await response.text()).not.toMatch(/html|Service Unavailable/i);
  });
});

describe("TCC application", () => {
  const apply = (who: GatewayClient, json: unknown) => who.api("POST", "/tcc-application", { json });

  it("sends the session's PIN and the reason key, nothing the client chose", async () => {
    const applicant = await stack.signIn(FOUR.msisdn);
    const response = await apply(applicant, { reason_for_tcc: "WORK_PERMIT" });
    expect(response.status).toBe(200);
    const [sent] = stack.upstream.receivedOn("/api/ussd/tcc-application");
    expect(JSON.parse(sent.body)).toEqual({ reason_for_tcc: "WORK_PERMIT", tax_payer_pin: FOUR.pin });
  });

  it.each([
    ["a client PIN", { reason_for_tcc: "TENDER", tax_payer_pin: TEST_SELLER.pin }],
    ["a client number", { reason_for_tcc: "TENDER", msisdn: TEST_SELLER.msisdn }],
    ["a reason outside the keys", { reason_for_tcc: "Job application" }],
    ["no reason", {}],
  ])("%s: 400 invalid_body, nothing sent upstream", async (_, body) => {
    const response = await apply(client, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_body" });
    expect(stack.upstream.receivedOn("/api/ussd/tcc-application")).toEqual([]);
  });

  it("a session without a PIN: 409 pin_required, nothing sent upstream", async () => {
    const noPin = await stack.signIn(SIX.msisdn);
    const response = await apply(noPin, { reason_for_tcc: "TENDER" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "pin_required" });
    expect(stack.upstream.receivedOn("/api/ussd/tcc-application")).toEqual([]);
  });

  it("the upstream's refusal (tax owed) passes as its message only", async () => {
    const response = await apply(client, { reason_for_tcc: "LOAN" });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ Message: expect.stringMatching(/unpaid tax/), Status: "NOK" });
  });
});

describe("logs", () => {
  it("name the checker's route, never the looked-up ID, PIN or TCC number", async () => {
    await client.api("GET", `/taxpayer/staff-checker?national_id=${KRA_STAFF[0].IDNUMBER}`);
    await client.api("GET", `/itax/validate-tcc?kra_pin=${SEEDED_TCCS[0].kraPin}&tcc_number=${SEEDED_TCCS[0].tccNo}`);
    await client.api("GET", "/taxpayer/staff-checker?national_id=123456789012");
    const deadline = Date.now() + 5_000;
    while (!stack.gateway.logLines().some((line) => line.error === "invalid_query" && line.route === "checkers.staff") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(stack.gateway.logLines().some((line) => line.route === "checkers.staff" && line.path === "/api/taxpayer/staff-checker")).toBe(true);
    const output = stack.gateway.output.join("\n");
    for (const value of [KRA_STAFF[0].IDNUMBER, "123456789012", SEEDED_TCCS[0].kraPin, SEEDED_TCCS[0].tccNo]) {
      expect(output, `log contains ${value.slice(0, 4)}…`).not.toContain(value);
    }
  });
});

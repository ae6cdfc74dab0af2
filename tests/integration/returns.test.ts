import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  readCalculation, readFiling, readLiabilities, readObligations, readPayment, readPeriod, readPrn, readProperties, refusalText,
} from "../../server/shared/returns";
import { SEEDED_PRNS, TEST_TAXPAYERS } from "../upstream";
import { INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN } from "../upstream/internals";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Returns and payments (issue 10): every call is bound to the signed-in taxpayer's PIN and
// number, answers keep only the policy's fields, and each upstream form is read the same way.

const [ONE, TWO, THREE, FOUR, , SIX] = TEST_TAXPAYERS;
let stack: Stack;
let one: GatewayClient;
let two: GatewayClient;
let three: GatewayClient;
let four: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  [one, two, three, four] = await Promise.all([ONE, TWO, THREE, FOUR].map((t) => stack.signIn(t.msisdn)));
});
afterAll(() => stack?.stop());
beforeEach(() => {
  stack.upstream.clearReceived();
  stack.upstream.clearAnswerForms();
  stack.upstream.clearFaults();
});

const post = (client: GatewayClient, path: string, json: unknown) => client.api("POST", path, { json });
const upstreamBody = (path: string) => JSON.parse(stack.upstream.receivedOn(`/api/ussd${path}`).at(-1)!.body);
const nothingForwarded = () => expect(stack.upstream.received.filter((r) => r.path.startsWith("/api/"))).toEqual([]);

function expectNothingInternal(text: string, ...pins: string[]): void {
  for (const secret of [INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN, "internal_note", "PinNo", "LandlordPIN", ...pins]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/254\d{9}/);
}

async function answer(response: Response, status = 200): Promise<unknown> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text);
}

async function period(client: GatewayClient, obligation: string) {
  const read = readPeriod(await answer(await post(client, "/obligation-filling-period", { obligation_id: obligation })));
  if (!read.ok) throw new Error(`no period for ${obligation}: ${read.message}`);
  return read.value;
}

describe("the session's PIN and number, never the client's", () => {
  it("obligations: the PIN goes in the upstream path; the answer carries no PIN", async () => {
    const response = await one.api("GET", "/tax-payer-obligations");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(stack.upstream.receivedOn("/api/ussd/tax-payer-obligations/")[0].path).toBe(`/api/ussd/tax-payer-obligations/${ONE.pin}`);
    expectNothingInternal(text);
    const read = readObligations(JSON.parse(text));
    expect(read.ok && read.value.map((o) => o.id).sort()).toEqual(["2", "41", "42", "7"]);
  });

  it("filling period: the gateway fills pin and the fixed fields", async () => {
    await period(one, "7");
    expect(upstreamBody("/obligation-filling-period")).toEqual({
      obligation_id: "7", pin: ONE.pin, branch_id: "", from_date: "", from_itms_or_prtl: "PRTL", is_amended: "N",
    });
  });

  it.each([
    ["/obligation-filling-period", { obligation_id: "7", pin: TWO.pin }],
    ["/obligation-filling-period", { obligation_id: "7", branch_id: "x" }],
    ["/file-return", { kra_obligation_id: "7", obligation_code: "7", returnPeriod: "01/10/2025 - 31/10/2025", returnType: "nil_return", has_rental_property: "N", tax_payer_pin: TWO.pin }],
    ["/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "100", tax_payer_pin: TWO.pin }],
    ["/make-payment", { prn: SEEDED_PRNS[0].prn, msisdn: TWO.msisdn }],
  ])("a client-sent identity field on %s is a 400 and nothing is forwarded", async (path, body) => {
    const response = await post(one, path, body);
    expect(await answer(response, 400)).toMatchObject({ error: "invalid_body" });
    nothingForwarded();
  });

  it("liabilities: a client-sent tax_payer_pin in the query is refused", async () => {
    const response = await one.api("GET", `/tax-payer-liabilities?obligation_id=7&tax_payer_pin=${TWO.pin}`);
    expect(await answer(response, 400)).toMatchObject({ error: "invalid_query" });
    nothingForwarded();
  });

  it("liabilities: the PIN is the session's; principal, penalty, interest and total reach the page, the PIN does not", async () => {
    const response = await two.api("GET", "/tax-payer-liabilities?obligation_id=8");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(stack.upstream.receivedOn("/api/ussd/tax-payer-liabilities")[0].query).toEqual({ obligation_id: "8", tax_payer_pin: TWO.pin });
    expectNothingInternal(text, TWO.pin);
    const read = readLiabilities(JSON.parse(text));
    expect(read.ok && read.value.length).toBe(2);
    expect(read.ok && read.value[0]).toMatchObject({ principal: expect.any(Number), penalty: expect.any(Number), interest: expect.any(Number), total: expect.any(Number) });
  });

  it("make-payment: the M-Pesa push goes to the session's own number", async () => {
    const read = readPayment(await answer(await post(one, "/make-payment", { prn: SEEDED_PRNS[0].prn })));
    expect(read.ok).toBe(true);
    expect(upstreamBody("/make-payment")).toEqual({ prn: SEEDED_PRNS[0].prn, msisdn: ONE.msisdn });
    expect(stack.upstream.stkPushes().at(-1)).toMatchObject({ prn: SEEDED_PRNS[0].prn, msisdn: ONE.msisdn });
  });

  it("properties: the iTax base with the session's PIN; no landlord PIN in the answer", async () => {
    const response = await three.api("GET", "/properties/lookup");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(stack.upstream.receivedOn("/api/properties/lookup/")[0].path).toBe(`/api/properties/lookup/${THREE.pin}`);
    expectNothingInternal(text, THREE.pin);
    const read = readProperties(JSON.parse(text));
    expect(read.ok && read.value.length).toBe(2);
  });
});

describe("journeys through the gateway", () => {
  it("NIL return: period, then file; the acknowledgement comes back", async () => {
    const found = await period(one, "7");
    const filed = readFiling(await answer(await post(one, "/file-return", {
      kra_obligation_id: "7", obligation_code: "7", returnPeriod: found.text, returnType: "nil_return", has_rental_property: "N",
    })));
    expect(filed.ok).toBe(true);
    expect(upstreamBody("/file-return")).toMatchObject({ tax_payer_pin: ONE.pin, returnPeriod: found.text });
  });

  it("VAT's period: the upstream's sentence passes as a refusal", async () => {
    const response = await post(one, "/obligation-filling-period", { obligation_id: "1" });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(readPeriod(body)).toEqual({ ok: false, message: "Special Obligation cannot be Autopopulated" });
  });

  it("TOT: calculate, file, PRN, M-Pesa, all as the session's taxpayer", async () => {
    const found = await period(two, "8");
    const tot = { kra_obligation_id: "8", obligation_code: "8", start_date: found.from, end_date: found.to, filingCycle: "M", taxable_amount: "100000" };
    const tax = readCalculation(await answer(await post(two, "/file-return", { ...tot, calc_only: "true" })));
    expect(tax).toEqual({ ok: true, value: 1500 });
    const filed = readFiling(await answer(await post(two, "/file-return", tot)));
    expect(filed.ok && filed.value.ack).toBeTruthy();
    const prn = readPrn(await answer(await post(two, "/generate-prn", {
      obligation_id: "8", tax_period_from: found.from, tax_period_to: found.to, amount: "1500",
    })));
    expect(prn.ok).toBe(true);
    expect(upstreamBody("/generate-prn")).toMatchObject({ tax_payer_pin: TWO.pin, amount: "1500" });
    const paid = readPayment(await answer(await post(two, "/make-payment", { prn: prn.ok ? prn.value : "" })));
    expect(paid.ok).toBe(true);
    expect(stack.upstream.stkPushes().at(-1)).toMatchObject({ msisdn: TWO.msisdn, amount: 1500 });
  });

  it("PRN dates: DD-MM-YYYY for AHL, and a DD/MM/YYYY AHL period is refused before the upstream", async () => {
    const ok = await post(one, "/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: 500 });
    expect(readPrn(await answer(ok)).ok).toBe(true);
    stack.upstream.clearReceived();
    const bad = await post(one, "/generate-prn", { obligation_id: "41", tax_period_from: "01/10/2025", tax_period_to: "31/10/2025", amount: "500" });
    expect(await answer(bad, 400)).toMatchObject({ error: "invalid_body", fields: [{ path: "tax_period_from" }, { path: "tax_period_to" }] });
    const cents = await post(one, "/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "10.50" });
    expect(cents.status).toBe(400);
    nothingForwarded();
  });

  it("dates that are no calendar day, or a period that ends before it starts, are refused before the upstream", async () => {
    stack.upstream.clearReceived();
    const prn = { obligation_id: "41", amount: "500" };
    for (const [from, to, fields] of [
      ["31-02-2025", "28-02-2025", ["tax_period_from"]], ["29-02-2025", "31-03-2025", ["tax_period_from"]], ["31-12-2025", "01-01-2025", ["tax_period_from"]],
    ] as const) {
      const refused = await post(one, "/generate-prn", { ...prn, tax_period_from: from, tax_period_to: to });
      const { fields: refusedFields } = (await answer(refused, 400)) as { fields: { path: string }[] };
      expect(refusedFields.map((field) => field.path)).toEqual(fields);
    }
    expect((await post(one, "/generate-prn", { ...prn, tax_period_from: "29-02-2024", tax_period_to: "31-03-2024" })).status).not.toBe(400);
    stack.upstream.clearReceived();
    const tot = { kra_obligation_id: "8", obligation_code: "8", filingCycle: "M", taxable_amount: "20000" };
    for (const [start, end] of [["31/04/2025", "30/04/2025"], ["01/05/2025", "30/04/2025"]]) {
      expect((await post(one, "/file-return", { ...tot, start_date: start, end_date: end })).status).toBe(400);
    }
    const nil = { kra_obligation_id: "1", obligation_code: "1", returnType: "nil_return", has_rental_property: "N" };
    for (const returnPeriod of ["99/99/9999 - 00/00/0000", "01/05/2025 - 30/04/2025"]) {
      expect((await post(one, "/file-return", { ...nil, returnPeriod })).status).toBe(400);
    }
    nothingForwarded();
  });
});

describe("every success form is recognised", () => {
  it.each(["code-1", "code-200", "success", "status-ok", "response-code", "prn-tax-due"] as const)("file-return %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "file-return", success: form, times: 1 });
    const found = await period(four, "8");
    const body = { kra_obligation_id: "8", obligation_code: "8", start_date: found.from, end_date: found.to, filingCycle: "M", taxable_amount: "20000" };
    const raw = await answer(await post(four, "/file-return", body));
    expectNothingInternal(JSON.stringify(raw), FOUR.pin);
    expect(readFiling(raw).ok, JSON.stringify(raw)).toBe(true);
  });

  it.each(["tax_due", "total_tax", "total_amount"] as const)("calculate %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "calculate", success: form, times: 1 });
    const found = await period(four, "8");
    const body = { kra_obligation_id: "8", obligation_code: "8", start_date: found.from, end_date: found.to, filingCycle: "M", taxable_amount: "20000", calc_only: "true" };
    expect(readCalculation(await answer(await post(four, "/file-return", body)))).toEqual({ ok: true, value: 300 });
  });

  it.each(["recorded", "wrapped", "array"] as const)("obligations %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "tax-payer-obligations", success: form, times: 1 });
    const read = readObligations(await answer(await two.api("GET", "/tax-payer-obligations")));
    expect(read.ok && read.value.map((o) => o.id).sort()).toEqual(["2", "8"]);
  });

  it.each(["status-ok", "periods"] as const)("filling period %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "obligation-filling-period", success: form, times: 1 });
    expect((await period(two, "8")).text).toMatch(/^\d\d\/\d\d\/\d{4} - \d\d\/\d\d\/\d{4}$/);
  });

  it.each(["full", "status-ok", "response-code"] as const)("liabilities and properties %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "tax-payer-liabilities", success: form, times: 1 });
    stack.upstream.setAnswerForm({ endpoint: "properties-lookup", success: form, times: 1 });
    expect(readLiabilities(await answer(await two.api("GET", "/tax-payer-liabilities?obligation_id=8"))).ok).toBe(true);
    expect(readProperties(await answer(await three.api("GET", "/properties/lookup"))).ok).toBe(true);
  });

  it.each(["full", "status-ok", "response-code", "prn"] as const)("generate-prn %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "generate-prn", success: form, times: 1 });
    const body = { obligation_id: "42", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "50" };
    expect(readPrn(await answer(await post(one, "/generate-prn", body)))).toEqual({ ok: true, value: expect.stringMatching(/^11\d{14}$/) });
  });

  it.each(["full", "status-200", "desc-ok"] as const)("make-payment %s", async (form) => {
    stack.upstream.setAnswerForm({ endpoint: "make-payment", success: form, times: 1 });
    expect(readPayment(await answer(await post(one, "/make-payment", { prn: SEEDED_PRNS[0].prn }))).ok).toBe(true);
  });
});

describe("every refusal form gives a clear message", () => {
  it.each(["ErrorCode", "Message", "message", "errors.detail"] as const)("%s on each endpoint", async (form) => {
    const message = `Refused as ${form}`;
    for (const endpoint of ["file-return", "generate-prn", "make-payment", "tax-payer-liabilities"] as const) {
      stack.upstream.setAnswerForm({ endpoint, error: form, message, times: 1 });
    }
    const nil = { kra_obligation_id: "7", obligation_code: "7", returnPeriod: "01/10/2025 - 31/10/2025", returnType: "nil_return", has_rental_property: "N" };
    const answers = [
      await answer(await post(one, "/file-return", nil), 422),
      await answer(await post(one, "/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "1" }), 422),
      await answer(await post(one, "/make-payment", { prn: SEEDED_PRNS[0].prn }), 422),
      await answer(await one.api("GET", "/tax-payer-liabilities?obligation_id=7"), 422),
    ];
    for (const body of answers) {
      expectNothingInternal(JSON.stringify(body));
      expect(refusalText(body)).toBe(message);
    }
  });

  it("a 2xx make-payment without status 200 or desc ok is not a push", async () => {
    stack.upstream.setAnswerForm({ endpoint: "make-payment", error: "message", message: "No", status: 200 });
    expect(readPayment(await answer(await post(one, "/make-payment", { prn: SEEDED_PRNS[0].prn })))).toEqual({ ok: false, message: "No" });
  });

  it("an upstream HTML 503 is the gateway's own error with a request id", async () => {
    stack.upstream.addFault({ fault: { kind: "html503" }, path: "/api/ussd/file-return", times: 1 });
    const nil = { kra_obligation_id: "7", obligation_code: "7", returnPeriod: "01/10/2025 - 31/10/2025", returnType: "nil_return", has_rental_property: "N" };
    const body = await (await post(one, "/file-return", nil)).json();
    expect(body).toMatchObject({ error: expect.stringMatching(/^upstream_/), requestId: expect.any(String) });
  });
});

describe("no session, or no PIN: nothing forwarded", () => {
  const calls: [string, string, unknown?][] = [
    ["GET", "/tax-payer-obligations"],
    ["POST", "/obligation-filling-period", { obligation_id: "7" }],
    ["GET", "/tax-payer-liabilities?obligation_id=7"],
    ["GET", "/properties/lookup"],
    ["POST", "/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "1" }],
    ["POST", "/make-payment", { prn: SEEDED_PRNS[0].prn }],
  ];

  it.each(calls)("without a session: %s %s is a 401", async (method, path, json) => {
    const response = await stack.client().api(method, path, json === undefined ? {} : { json });
    expect(response.status).toBe(401);
    nothingForwarded();
  });

  it("a taxpayer /init gave no PIN: 409 pin_required for the PIN rules, and /session says hasPin false", async () => {
    const six = await stack.signIn(SIX.msisdn);
    stack.upstream.clearReceived();
    for (const [method, path, json] of calls.filter(([, path]) => path !== "/make-payment")) {
      const response = await six.api(method, path, json === undefined ? {} : { json });
      expect(await answer(response, 409)).toMatchObject({ error: "pin_required", requestId: expect.any(String) });
    }
    nothingForwarded();
    expect(await (await six.get("/session", { headers: { accept: "application/json" } })).json()).toMatchObject({ hasPin: false });
    const view = await (await one.get("/session", { headers: { accept: "application/json" } })).text();
    expect(JSON.parse(view)).toMatchObject({ hasPin: true });
    expect(view).not.toContain(ONE.pin);
  });
});

describe("NITRO_ITAX_BASE_URL", () => {
  let itax: Server;
  let seen: string[] = [];
  let other: Stack;

  beforeAll(async () => {
    itax = createServer((request, response) => {
      seen.push(request.url ?? "");
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ Status: "OK", ResponseCode: "20000", PropertiesList: [{ PropertyRegId: "ELSEWHERE", LandlordPIN: "x" }] }));
    });
    await new Promise<void>((resolve) => itax.listen(0, "127.0.0.1", resolve));
    const { port } = itax.address() as AddressInfo;
    other = await startStack({ env: { NITRO_ITAX_BASE_URL: `http://127.0.0.1:${port}/itax/api` } });
  });
  afterAll(async () => {
    await other?.stop();
    await new Promise((resolve) => itax?.close(resolve));
  });

  it("is where the properties lookup goes, with the session's PIN", async () => {
    seen = [];
    const client = await other.signIn(THREE.msisdn);
    const read = readProperties(await answer(await client.api("GET", "/properties/lookup")));
    expect(read.ok && read.value.map((p) => p.id)).toEqual(["ELSEWHERE"]);
    expect(seen).toEqual([`/itax/api/properties/lookup/${THREE.pin}`]);
    expect(other.upstream.receivedOn("/api/properties")).toEqual([]);
  });
});

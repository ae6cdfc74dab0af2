import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { itrResult, readEmployment, readItrLimits, readItrPeriod, readItrSummary } from "../../server/shared/itr";
import { refusalText } from "../../server/shared/returns";
import { TEST_TAXPAYERS } from "../upstream";
import { INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN } from "../upstream/internals";
import { ITR_NATIONAL_ID, ITR_REFUSAL } from "../upstream/itr-fixtures";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Issue 23: the income tax return for employment income. Every figure the upstream receives comes
// from the upstream's own answers; a return id works only for the session whose itr-create made it.

const [ONE, TWO, THREE, FOUR, FIVE] = TEST_TAXPAYERS;
const YEAR = String(new Date().getUTCFullYear() - 1);
const PERIOD = `01/01/${YEAR} - 31/12/${YEAR}`;
let stack: Stack;
let one: GatewayClient;
let two: GatewayClient;
let three: GatewayClient;
let four: GatewayClient;
let five: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  [one, two, three, four, five] = await Promise.all([ONE, TWO, THREE, FOUR, FIVE].map((t) => stack.signIn(t.msisdn)));
});
afterAll(() => stack?.stop());
beforeEach(() => {
  stack.upstream.clearReceived();
  stack.upstream.clearAnswerForms();
  stack.upstream.clearFaults();
});

const itaxCalls = () => stack.upstream.received.filter((r) => r.path.startsWith("/api/"));
const nothingForwarded = () => expect(itaxCalls()).toEqual([]);
const lastBody = (path: string) => JSON.parse(stack.upstream.receivedOn(`/api${path}`).at(-1)!.body);

/** Nothing internal, no national ID, no PIN of the taxpayer's own, no full phone number. */
function expectFiltered(text: string, ...pins: string[]): void {
  for (const secret of [INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN, ITR_NATIONAL_ID, "internal_note", "national_id", ...pins]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/254\d{9}/);
}

async function answer(response: Response, status = 200): Promise<any> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expectFiltered(text);
  return JSON.parse(text);
}

async function employment(client: GatewayClient) {
  const read = readEmployment(await answer(await client.api("GET", `/itr/employment-income?return_year=${YEAR}`)));
  if (!read.ok) throw new Error("no employment income");
  return read.value;
}

/** The draft with the upstream's own pre-filled deductions. */
async function draftFor(client: GatewayClient, extra: Record<string, unknown> = {}) {
  const { prefill } = await employment(client);
  const body = {
    return_year: YEAR, period: PERIOD, pension_contribution: prefill.pension, shif_contribution: prefill.shif,
    hl_contribution: prefill.housingLevy, pmf_contribution: prefill.prmf, insurance_policy: [], disability_certificate: [], mortgage: [], ...extra,
  };
  return client.api("POST", "/itr/returns", { json: body });
}

describe("the public calls, as the table in issue 23 says", () => {
  it("GET /api/itr/filing-period: A/obligation-filling-period with the session's PIN and the fixed fields", async () => {
    const period = readItrPeriod(await answer(await one.api("GET", "/itr/filing-period")));
    expect(period).toEqual({ ok: true, value: { from: `01/01/${YEAR}`, to: `31/12/${YEAR}`, text: PERIOD } });
    const [call] = itaxCalls();
    expect(call.method).toBe("GET");
    expect(call.path).toBe("/api/obligation-filling-period");
    expect(call.query).toEqual({ pin: ONE.pin, obligation_id: "2", is_amended: "N", branch_id: "", from_date: "", from_itms_or_prtl: "PRTL" });
    stack.upstream.setAnswerForm({ endpoint: "itr-filing-period", success: "array", times: 1 });
    expect(readItrPeriod(await answer(await one.api("GET", "/itr/filing-period"))).ok).toBe(true);
  });

  it("GET /api/itr/employment-income: the session's PIN as employee_pin, tax_code 2; rows, totals and pre-filled deductions", async () => {
    const found = await employment(two);
    expect(itaxCalls()[0].query).toEqual({ employee_pin: TWO.pin, return_year: YEAR, tax_code: "2" });
    expect(found.employers.map((e) => e.pin)).toEqual(["P051000003C", "P051000004D"]);
    expect(found.totals.grossPay).toBe(1_560_000);
    expect(found.prefill).toEqual({ pension: 0, shif: 42_900, housingLevy: 23_400, prmf: 0 });
  });

  it.each(["DETAILS", "employment_income", "data", "string-amounts"] as const)("employment-income in the %s form reads the same", async (form) => {
    const plain = await employment(one);
    stack.upstream.setAnswerForm({ endpoint: "itr-employment-details", success: form, times: 1 });
    const variant = await employment(one);
    expect(variant.employers).toEqual(plain.employers);
    expect(variant.totals).toEqual(plain.totals);
    expect(variant.amountPayableOrRefundable).toBe(plain.amountPayableOrRefundable);
  });

  it("GET /api/itr/limits: KRA's yearly limits from A/settings/itr/config, nothing else; no query taken", async () => {
    // A failed answer is not kept: the next call asks KRA again.
    stack.upstream.addFault({ fault: { kind: "status", status: 503 }, path: /settings\/itr\/config/, times: 1 });
    expect((await one.api("GET", "/itr/limits")).status).toBe(502);
    stack.upstream.clearReceived();
    const limits = await answer(await one.api("GET", "/itr/limits"));
    expect(readItrLimits(limits)).toEqual({ pension: 360_000, prmf: 180_000, mortgageInterest: 360_000, insuranceRelief: 60_000 });
    expect(itaxCalls().map((r) => r.path)).toEqual(["/api/settings/itr/config"]);
    stack.upstream.clearReceived();
    // The same for everyone: kept by the gateway, not asked again (another session included).
    expect(await answer(await two.api("GET", "/itr/limits"))).toEqual(limits);
    expect((await one.api("GET", `/itr/limits?pin=${TWO.pin}`)).status).toBe(400);
    nothingForwarded();
  });

  it("return_year must be a past year, and nothing else may be asked", async () => {
    for (const query of [`return_year=${Number(YEAR) + 1}`, "return_year=20x5", `return_year=${YEAR}&employee_pin=${TWO.pin}`, "", `return_year=${YEAR}&tax_code=3`]) {
      const response = await one.api("GET", `/itr/employment-income?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
    }
    expect((await one.api("GET", `/itr/filing-period?pin=${TWO.pin}`)).status).toBe(400);
    nothingForwarded();
  });

  it("POST /api/itr/returns: employment_income from the upstream's rows, pin and return_type filled; {id, tax_due, status, tax_return_ref}", async () => {
    const { employers } = await employment(one);
    stack.upstream.clearReceived();
    const created = await answer(await draftFor(one));
    expect(Object.keys(created).sort()).toEqual(["id", "status", "tax_due", "tax_return_ref"]);
    expect(itrResult(Number(created.tax_due))).toEqual({ kind: "refund", amount: 12_000 });
    // draftFor read the employment income for the page first; the gateway reads it again itself.
    expect(itaxCalls().map((r) => r.path).slice(-2)).toEqual(["/api/tax-return/itr-employment-details", "/api/tax-return/itr-create"]);
    const sent = lastBody("/tax-return/itr-create");
    expect(sent).toMatchObject({ pin: ONE.pin, period: PERIOD, return_type: "normal", pension_contribution: 72_000 });
    expect(sent.employment_income.map((row: any) => [row.employer_pin, row.gross_pay, row.amount_of_tax_deducted_paye]))
      .toEqual(employers.map((e) => [e.pin, e.grossPay, e.paye]));
  });

  it("summary: the upstream's computation, line by line, for this session's draft", async () => {
    const { id } = await answer(await draftFor(two));
    stack.upstream.clearReceived();
    const summary = readItrSummary(await answer(await two.api("GET", `/itr/returns/${id}/summary`)));
    expect(summary.ok && summary.value.taxDue).toBe(25_000);
    expect(summary.ok && summary.value.lines.employment_income).toBe(1_560_000);
    expect(itaxCalls().map((r) => r.path)).toEqual([`/api/tax-return/itr-summary/${id}`]);
    stack.upstream.setAnswerForm({ endpoint: "itr-summary", success: "numbers", times: 1 });
    expect(readItrSummary(await answer(await two.api("GET", `/itr/returns/${id}/summary`)))).toEqual(summary);
  });

  it("file: the body is built from the upstream's summary and employer rows read again now; {ack, message, tax_due}", async () => {
    const { id } = await answer(await draftFor(three));
    const summary = await answer(await three.api("GET", `/itr/returns/${id}/summary`));
    stack.upstream.clearReceived();
    const filed = await answer(await three.api("POST", `/itr/returns/${id}/file`));
    expect(filed).toEqual({ ack: expect.stringMatching(/^KRA/), message: expect.any(String), tax_due: 0 });
    expect(itaxCalls().map((r) => r.path).sort()).toEqual(
      ["/api/tax-return/create", "/api/tax-return/itr-employment-details", `/api/tax-return/itr-summary/${id}`].sort(),
    );
    const sent = lastBody("/tax-return/create");
    expect(sent).toMatchObject({
      tax_return_id: String(id), obligation_id: "2", returnType: "normal", returnPeriod: PERIOD, currency: "KES",
      taxable_amount: summary.net_taxable_income, tax_due: summary.tax_due_refund_due,
    });
    expect(sent.meta_data).toMatchObject({
      return_year: YEAR, tax_code: "2", employee_pin: THREE.pin,
      total_tax_payable: summary.total_of_tax_payable_less_reliefs_and_exemptions, total_payed_deducted: summary.paye_deducted_from_salary,
      amount_payable_or_refundable: summary.tax_due_refund_due, pension_contribution: summary.defined_pension_contribution,
      hl_contribution: summary.hl_contribution, pmf_contribution: summary.pmf_contribution, shif_contribution: summary.shif_contribution,
      personal_relief: summary.personal_relief, credits: summary.credits, net_taxable_income: summary.net_taxable_income,
    });
    expect(sent.meta_data.employment_income[0]).toMatchObject({ employer_pin: "P051000005E", gross_pay: 720_000 });
    // Filed once: the draft is marked filed in the session, and filing it again asks nobody.
    stack.upstream.clearReceived();
    expect((await answer(await three.api("POST", `/itr/returns/${id}/file`, { json: {} }), 409)).error).toBe("already_filed");
    nothingForwarded();
    // Another draft for the year filed: the upstream refuses the year again, and the refusal reaches the page as a sentence.
    const { id: second } = await answer(await draftFor(three));
    const again = await answer(await three.api("POST", `/itr/returns/${second}/file`, { json: {} }), 422);
    expect(refusalText(again)).toMatch(/already been filed/);
  });

  it("tax due: filed, then a PRN for obligation 2 through the existing payment rule", async () => {
    const { id } = await answer(await draftFor(two));
    const filed = await answer(await two.api("POST", `/itr/returns/${id}/file`));
    expect(filed.tax_due).toBe(25_000);
    const prn = await answer(await two.api("POST", "/generate-prn", {
      json: { obligation_id: "2", tax_period_from: `01/01/${YEAR}`, tax_period_to: `31/12/${YEAR}`, amount: "25000" },
    }));
    expect(prn.PaymentRegNo).toMatch(/^11/);
  });
});

describe("the browser sends only its own declarations", () => {
  it.each([
    ["pin", ONE.pin], ["employee_pin", ONE.pin], ["employment_income", [{ employer_pin: "P051000001A", gross_pay: 1 }]],
    ["tax_due", 0], ["taxable_amount", 1], ["personal_relief", 28_800], ["return_type", "normal"], ["total_tax_payable", 0],
  ])("a client-sent %s is refused (400) and nothing is forwarded", async (field, value) => {
    const response = await one.api("POST", "/itr/returns", {
      json: { return_year: YEAR, period: PERIOD, pension_contribution: 0, shif_contribution: 0, hl_contribution: 0, pmf_contribution: 0, [field]: value },
    });
    expect(await answer(response, 400)).toMatchObject({ error: "invalid_body" });
    nothingForwarded();
  });

  it.each([
    ["a negative amount", { pension_contribution: -1 }],
    ["three decimals", { shif_contribution: "10.125" }],
    ["a period that is not the year", { period: `01/01/${YEAR} - 30/06/${YEAR}` }],
    ["an insurer PIN that is no PIN", { insurance_policy: [{ pin: "X1", insurer_name: "I", type_of_policy: "life", insurance_policy_no: "P1", policy_holder: "H", commencement_date: "01/01/2020", maturity_date: "01/01/2040", sum_assured: 1, annual_premium_paid: 1 }] }],
    ["a lender PIN that is no PIN", { mortgage: [{ pin_of_lender: "P12", name_of_lender: "B", mortgage_account_no: "M1", amount_borrowed: 1, outstanding_amount: 1, interest_amount_paid: 1 }] }],
    ["a relief the client computed", { insurance_policy: [{ pin: "P051000009X", insurer_name: "I", type_of_policy: "life", insurance_policy_no: "P1", policy_holder: "H", commencement_date: "01/01/2020", maturity_date: "01/01/2040", sum_assured: 1, annual_premium_paid: 1, amount_of_insurance_relief: 60000 }] }],
    ["too many mortgages", { mortgage: Array.from({ length: 3 }, () => ({ pin_of_lender: "P051000009X", name_of_lender: "B", mortgage_account_no: "M1", amount_borrowed: 1, outstanding_amount: 1, interest_amount_paid: 1 })) }],
    ["a certificate's dates", { disability_certificate: [{ cert_no: "DIS-2024-0003", effective_date: "01/01/2000", expiry_date: "31/12/2099" }] }],
  ])("%s is refused (400), nothing forwarded", async (_label, extra) => {
    const body = { return_year: YEAR, period: PERIOD, pension_contribution: 0, shif_contribution: 0, hl_contribution: 0, pmf_contribution: 0, ...extra };
    expect((await answer(await one.api("POST", "/itr/returns", { json: body }), 400)).error).toBe("invalid_body");
    nothingForwarded();
  });

  it("a disability certificate goes out only as the upstream gave it", async () => {
    const created = await answer(await draftFor(three, { disability_certificate: [{ cert_no: "DIS-2024-0003" }] }));
    expect(lastBody("/tax-return/itr-create").disability_certificate).toEqual([{ cert_no: "DIS-2024-0003", effective_date: "01/01/2024", expiry_date: "31/12/2028" }]);
    expect(Number(created.tax_due)).toBeLessThan(0);
    stack.upstream.clearReceived();
    const unknown = await draftFor(three, { disability_certificate: [{ cert_no: "DIS-9999" }] });
    expect((await answer(unknown, 400)).fields).toEqual([{ path: "disability_certificate.0.cert_no", message: expect.any(String) }]);
    expect(stack.upstream.receivedOn("/api/tax-return/itr-create")).toEqual([]);
  });

  it("valid insurance and a mortgage reach itr-create with the PINs as typed (upper case)", async () => {
    const policy = { pin: "p051000009x", insurer_name: "TEST INSURANCE", type_of_policy: "life", insurance_policy_no: "POL1", policy_holder: "SELF", commencement_date: "01/01/2020", maturity_date: "01/01/2040", sum_assured: 1_000_000, annual_premium_paid: 120_000 };
    await answer(await draftFor(one, { insurance_policy: [policy] }));
    expect(lastBody("/tax-return/itr-create").insurance_policy).toEqual([{ ...policy, pin: "P051000009X" }]);
  });

  it("the file call takes an empty body only: a figure in it is refused and nothing is forwarded", async () => {
    const { id } = await answer(await draftFor(two));
    stack.upstream.clearReceived();
    for (const json of [{ tax_due: 0 }, { taxable_amount: 1 }, { employee_pin: TWO.pin }]) {
      expect((await answer(await two.api("POST", `/itr/returns/${id}/file`, { json }), 400)).error).toBe("invalid_body");
    }
    nothingForwarded();
  });

  it("the file call's body, when there is one, is JSON: a form is 415 and nothing is forwarded", async () => {
    const { id } = await answer(await draftFor(two));
    stack.upstream.clearReceived();
    expect((await answer(await two.api("POST", `/itr/returns/${id}/file`, { form: { tax_due: "0" } }), 415)).error).toBe("unsupported_media_type");
    nothingForwarded();
  });
});

describe("the upstream's own failures on the use case's calls, as the proxy answers them", () => {
  it("a 503 is 502 upstream_unavailable; a 401 ends the session (session_expired, then no session)", async () => {
    const client = await stack.signIn(THREE.msisdn);
    const { prefill } = await employment(client);
    const body = {
      return_year: YEAR, period: PERIOD, pension_contribution: prefill.pension, shif_contribution: prefill.shif,
      hl_contribution: prefill.housingLevy, pmf_contribution: prefill.prmf,
    };
    // The use case reads the employer rows again itself before itr-create: the fault is on that call.
    const path = "/api/tax-return/itr-employment-details";
    stack.upstream.addFault({ fault: { kind: "html503" }, path, times: 1 });
    expect((await answer(await client.api("POST", "/itr/returns", { json: body }), 502)).error).toBe("upstream_unavailable");
    stack.upstream.addFault({ fault: { kind: "unauthorized" }, path, times: 1 });
    expect((await answer(await client.api("POST", "/itr/returns", { json: body }), 401)).error).toBe("session_expired");
    expect(client.sessionId).toBeUndefined();
    expect(stack.upstream.receivedOn("/api/tax-return/itr-create")).toEqual([]);
    expect((await answer(await client.api("GET", `/itr/employment-income?return_year=${YEAR}`), 401)).error).toMatch(/^session_/);
  });
});

describe("parallel calls in one session", () => {
  it("drafts created in parallel are all kept: each id's summary works", async () => {
    const client = await stack.signIn(ONE.msisdn);
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 400 }, path: "/api/tax-return/itr-create", times: 3 });
    const ids = await Promise.all([1, 2, 3].map(async () => (await answer(await draftFor(client))).id));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect([id, (await client.api("GET", `/itr/returns/${id}/summary`)).status]).toEqual([id, 200]);
  });

  it("a double tap files once: one call reaches tax-return/create, the other is 409 already_filed", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const { id } = await answer(await draftFor(client));
    stack.upstream.clearReceived();
    stack.upstream.addFault({ fault: { kind: "slow", delayMs: 600 }, path: "/api/tax-return/create", times: 2 });
    const responses = await Promise.all([1, 2].map(() => client.api("POST", `/itr/returns/${id}/file`)));
    const outcomes = await Promise.all(responses.map(async (response) => [response.status, (await response.json()).error ?? "filed"]));
    expect(outcomes.sort()).toEqual([[200, "filed"], [409, "already_filed"]]);
    expect(stack.upstream.receivedOn("/api/tax-return/create")).toHaveLength(1);
    // The acknowledgement saved during the filing did not drop the draft's mark, nor the mark the acknowledgement.
    stack.upstream.clearReceived();
    expect((await answer(await client.api("POST", `/itr/returns/${id}/file`), 409)).error).toBe("already_filed");
    nothingForwarded();
  });

  it("a refused read releases the claim: the same draft can be filed once the upstream answers", async () => {
    const client = await stack.signIn(ONE.msisdn);
    const { id } = await answer(await draftFor(client));
    stack.upstream.addFault({ fault: { kind: "html503" }, path: `/api/tax-return/itr-summary/${id}`, times: 1 });
    expect((await answer(await client.api("POST", `/itr/returns/${id}/file`), 502)).error).toBe("upstream_unavailable");
    stack.upstream.clearReceived();
    const retried = await client.api("POST", `/itr/returns/${id}/file`);
    expect(retried.status).not.toBe(409);
    expect(stack.upstream.receivedOn(`/api/tax-return/itr-summary/${id}`)).toHaveLength(1);
  });

  it("both reads refused: one clean refusal, written once (no 500 in the log)", async () => {
    const { id } = await answer(await draftFor(one));
    const before = stack.gateway.output.length;
    stack.upstream.setAnswerForm({ endpoint: "itr-summary", error: "message", message: "Summary not ready", status: 422, times: 1 });
    stack.upstream.setAnswerForm({ endpoint: "itr-employment-details", error: "message", message: "Try later", status: 422, times: 1 });
    const body = await answer(await one.api("POST", `/itr/returns/${id}/file`), 422);
    expect(refusalText(body)).toBe("Summary not ready");
    expect(stack.upstream.receivedOn("/api/tax-return/create")).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logged = stack.gateway.output.slice(before).join("\n");
    expect(logged).not.toMatch(/ERR_HTTP_HEADERS_SENT|"status":500/);
  });
});

describe("figures the upstream did not give are never filed", () => {
  it("an employer row without its PIN or PAYE, or a summary without a line: 502 upstream_error, nothing filed", async () => {
    const { id } = await answer(await draftFor(one));
    const { prefill } = await employment(one);
    const body = {
      return_year: YEAR, period: PERIOD, pension_contribution: prefill.pension, shif_contribution: prefill.shif,
      hl_contribution: prefill.housingLevy, pmf_contribution: prefill.prmf,
    };
    stack.upstream.clearReceived();
    for (const form of ["no-employer-pin", "no-paye"] as const) {
      stack.upstream.setAnswerForm({ endpoint: "itr-employment-details", success: form, times: 1 });
      expect([form, (await answer(await one.api("POST", "/itr/returns", { json: body }), 502)).error]).toEqual([form, "upstream_error"]);
      stack.upstream.setAnswerForm({ endpoint: "itr-employment-details", success: form, times: 1 });
      expect([form, (await answer(await one.api("POST", `/itr/returns/${id}/file`), 502)).error]).toEqual([form, "upstream_error"]);
    }
    stack.upstream.setAnswerForm({ endpoint: "itr-summary", success: "no-personal-relief", times: 1 });
    expect((await answer(await one.api("POST", `/itr/returns/${id}/file`), 502)).error).toBe("upstream_error");
    expect(stack.upstream.receivedOn("/api/tax-return/itr-create")).toEqual([]);
    expect(stack.upstream.receivedOn("/api/tax-return/create")).toEqual([]);
  });
});

describe("a return id works only for the session that created it", () => {
  it("another session's id, and an id nobody created: 404 not_found, nothing forwarded", async () => {
    const { id } = await answer(await draftFor(two));
    const twoAgain = await stack.signIn(TWO.msisdn); // the same taxpayer in another session
    stack.upstream.clearReceived();
    for (const [client, path] of [
      [one, `/itr/returns/${id}/summary`], [one, `/itr/returns/${id}/file`], [twoAgain, `/itr/returns/${id}/summary`],
      [twoAgain, `/itr/returns/${id}/file`], [two, "/itr/returns/999999/summary"], [two, "/itr/returns/999999/file"],
    ] as const) {
      const response = await client.api(path.endsWith("file") ? "POST" : "GET", path);
      expect([path, (await answer(response, 404)).error]).toEqual([path, "not_found"]);
    }
    nothingForwarded();
  });

  it("the handed-over calls take no query: 400 invalid_query, nothing forwarded", async () => {
    const { id } = await answer(await draftFor(two));
    stack.upstream.clearReceived();
    const created = await two.api("POST", `/itr/returns?pin=${ONE.pin}`, {
      json: { return_year: YEAR, period: PERIOD, pension_contribution: 0, shif_contribution: 0, hl_contribution: 0, pmf_contribution: 0 },
    });
    expect((await answer(created, 400)).error).toBe("invalid_query");
    for (const [method, path] of [["GET", `/itr/returns/${id}/summary?x=1`], ["POST", `/itr/returns/${id}/file?x=1`], ["GET", "/itr/limits?x=1"]] as const) {
      expect([path, (await answer(await two.api(method, path), 400)).error]).toEqual([path, "invalid_query"]);
    }
    nothingForwarded();
  });

  it("ids that are no ids are refused before any session state is read", async () => {
    for (const path of ["/itr/returns/..%2F1/summary", "/itr/returns/a%20b/summary", `/itr/returns/${"9".repeat(41)}/summary`]) {
      expect([path, [400, 404].includes((await one.api("GET", path)).status)]).toEqual([path, true]);
    }
    nothingForwarded();
  });
});

describe("refusals and empty years", () => {
  it("an upstream refusal passes as the upstream's sentence, filtered", async () => {
    const response = await draftFor(five);
    const body = await answer(response, 422);
    expect(refusalText(body)).toBe(ITR_REFUSAL);
    expectFiltered(JSON.stringify(body), FIVE.pin);
  });

  it("no employers: 409 no_employment_income and no itr-create; the NIL ITR is filed through file-return (obligation 2)", async () => {
    const found = await employment(four);
    expect(found.employers).toEqual([]);
    expect((await answer(await draftFor(four), 409)).error).toBe("no_employment_income");
    expect(stack.upstream.receivedOn("/api/tax-return/itr-create")).toEqual([]);
    const nil = await answer(await four.api("POST", "/file-return", {
      json: { kra_obligation_id: "2", obligation_code: "2", returnPeriod: PERIOD, returnType: "nil_return", has_rental_property: "N" },
    }));
    expect(nil.code).toBe(1);
  });

  it("a 2xx itr-create without an id is no draft: refused, nothing recorded", async () => {
    stack.upstream.setAnswerForm({ endpoint: "itr-create", error: "message", message: "Draft not saved", status: 200, times: 1 });
    expect(refusalText(await answer(await draftFor(one), 422))).toBe("Draft not saved");
  });
});

describe("send to my WhatsApp", () => {
  let withWhatsApp: Stack;
  beforeAll(async () => {
    withWhatsApp = await startStack({ whatsapp: true });
  });
  afterAll(() => withWhatsApp?.stop());

  it("draws the acknowledgement KRA issued for the filed ITR, to the session's own number only", async () => {
    const client = await withWhatsApp.signIn(TWO.msisdn);
    const read = readEmployment(await (await client.api("GET", `/itr/employment-income?return_year=${YEAR}`)).json());
    if (!read.ok) throw new Error("no employment income");
    const { prefill } = read.value;
    const created = await (await client.api("POST", "/itr/returns", {
      json: { return_year: YEAR, period: PERIOD, pension_contribution: prefill.pension, shif_contribution: prefill.shif, hl_contribution: prefill.housingLevy, pmf_contribution: prefill.prmf },
    })).json();
    const filed = await (await client.api("POST", `/itr/returns/${created.id}/file`, { json: {} })).json();
    const send = (ack: string) => client.request("POST", "/session/whatsapp/send", { headers: { accept: "application/json" }, json: { document: "acknowledgement", ack } });
    expect((await send(filed.ack)).status).toBe(200);
    expect(withWhatsApp.whatsapp!.cloud.sent().map((message) => message.to)).toEqual([TWO.msisdn]);
    expect((await send("KRA20260000000999")).status).toBe(404);
  });
});

describe("with returns paused", () => {
  let paused: Stack;
  beforeAll(async () => {
    paused = await startStack({ env: { NITRO_PAUSED_SERVICES: "returns" } });
  });
  afterAll(() => paused?.stop());

  it("each ITR call answers 503 service_paused and asks nobody", async () => {
    const client = await paused.signIn(ONE.msisdn);
    paused.upstream.clearReceived();
    for (const [method, path] of [
      ["GET", "/itr/filing-period"], ["GET", `/itr/employment-income?return_year=${YEAR}`], ["GET", "/itr/limits"], ["POST", "/itr/returns"],
      ["GET", "/itr/returns/4101/summary"], ["POST", "/itr/returns/4101/file"],
    ]) {
      const response = await client.api(method, path, method === "POST" ? { json: {} } : {});
      expect([path, response.status, ((await response.json()) as { error: string }).error]).toEqual([path, 503, "service_paused"]);
    }
    expect(paused.upstream.received.filter((r) => r.path.startsWith("/api/"))).toEqual([]);
  });
});

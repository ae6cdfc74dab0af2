import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_NOTE } from "./internals";
import { ITR_NATIONAL_ID, ITR_REFUSAL } from "./itr-fixtures";
import { startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "./index";

// The simulated ITR endpoints (UPSTREAM.md rows 24, 33–38, §7.12): every documented variant, the
// internal fields and a national ID on every answer, and a return computed from KRA's own rows.

const [ONE, TWO, THREE, FOUR, FIVE] = TEST_TAXPAYERS;
const YEAR = String(new Date().getUTCFullYear() - 1);
let up: SimulatedUpstream;
let token: string;

beforeAll(async () => {
  up = await startSimulatedUpstream({ otp: "OTPXYZ" });
  token = up.issueToken(ONE.msisdn);
});
afterAll(() => up?.close());
afterEach(() => up.clearAnswerForms());

async function call(path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${up.itaxBaseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST", body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text), text };
}

const details = (pin: string) => call(`/tax-return/itr-employment-details?employee_pin=${pin}&return_year=${YEAR}&tax_code=2`);

async function draft(pin: string, overrides: Record<string, unknown> = {}) {
  const { json } = await details(pin);
  const rows = json.DETAILS.map((row: any) => ({ employer_pin: row.employerPin, gross_pay: row.grossPay, amount_of_tax_deducted_paye: row.PAYEDeducted }));
  return call("/tax-return/itr-create", {
    pin, period: `01/01/${YEAR} - 31/12/${YEAR}`, return_type: "normal", pension_contribution: json.pension, shif_contribution: json.shiFund,
    hl_contribution: json.ahLevy, pmf_contribution: json.prmFund, insurance_policy: [], disability_certificate: [], employment_income: rows, mortgage: [], ...overrides,
  });
}

describe("the simulated ITR endpoints", () => {
  it("need the Bearer", async () => {
    expect((await fetch(`${up.itaxBaseUrl}/tax-return/itr-employment-details?employee_pin=${ONE.pin}&return_year=${YEAR}&tax_code=2`)).status).toBe(401);
  });

  it("answer the employer rows in each form, with the national ID and the internal fields on each answer", async () => {
    for (const form of ["DETAILS", "employment_income", "data", "string-amounts"] as const) {
      up.setAnswerForm({ endpoint: "itr-employment-details", success: form, times: 1 });
      const { status, json, text } = await details(TWO.pin);
      expect(status).toBe(200);
      expect(text).toContain(ITR_NATIONAL_ID);
      expect(text).toContain(INTERNAL_NOTE);
      expect(json).toHaveProperty("amountPayableOrRefuindable");
      const rows = json[form === "string-amounts" ? "DETAILS" : form];
      expect(rows).toHaveLength(2);
      if (form === "string-amounts") expect(typeof rows[0].grossPay).toBe("string");
      if (form === "employment_income") expect(rows[0]).toHaveProperty("employer_pin");
    }
  });

  it("answer rows missing a field on request: no employer PIN, or no PAYE", async () => {
    up.setAnswerForm({ endpoint: "itr-employment-details", success: "no-employer-pin", times: 1 });
    const noPin = (await details(TWO.pin)).json.DETAILS;
    expect(noPin.map((row: object) => "employerPin" in row)).toEqual([false, false]);
    up.setAnswerForm({ endpoint: "itr-employment-details", success: "no-paye", times: 1 });
    const noPaye = (await details(TWO.pin)).json.DETAILS;
    expect(noPaye.map((row: object) => "PAYEDeducted" in row)).toEqual([false, false]);
    expect(noPaye[0]).toHaveProperty("employerPin");
  });

  it("compute a refund, tax due and nothing to pay from the pre-filled deductions; FOUR has no rows; FIVE is refused", async () => {
    expect((await draft(ONE.pin)).json.tax_due).toBe("-12000.0000");
    expect((await draft(TWO.pin)).json.tax_due).toBe("25000.0000");
    expect((await draft(THREE.pin)).json.tax_due).toBe("0.0000");
    expect((await details(FOUR.pin)).json.DETAILS).toEqual([]);
    expect((await draft(FIVE.pin)).json).toMatchObject({ ErrorCode: ITR_REFUSAL });
  });

  it("refuse employer rows that are not KRA's own", async () => {
    const refused = await draft(ONE.pin, { employment_income: [{ employer_pin: "P051000001A", gross_pay: 1, amount_of_tax_deducted_paye: 0 }] });
    expect(refused.status).toBe(422);
  });

  it("summary: strings or numbers; 404 for an unknown id; filing takes only the draft's own figures, once", async () => {
    const { json: created } = await draft(TWO.pin);
    const summary = (await call(`/tax-return/itr-summary/${created.id}`)).json;
    expect(summary.tax_due_refund_due).toBe("25000.00");
    up.setAnswerForm({ endpoint: "itr-summary", success: "numbers", times: 1 });
    expect((await call(`/tax-return/itr-summary/${created.id}`)).json.tax_due_refund_due).toBe(25_000);
    up.setAnswerForm({ endpoint: "itr-summary", success: "no-personal-relief", times: 1 });
    const noRelief = (await call(`/tax-return/itr-summary/${created.id}`)).json;
    expect(noRelief).not.toHaveProperty("personal_relief");
    expect(noRelief.tax_due_refund_due).toBe("25000.00");
    expect((await call("/tax-return/itr-summary/1")).status).toBe(404);
    const body = {
      tax_return_id: created.id, obligation_id: "2", returnType: "normal", returnPeriod: `01/01/${YEAR} - 31/12/${YEAR}`, currency: "KES",
      taxable_amount: summary.net_taxable_income, tax_due: "0", meta_data: { employee_pin: TWO.pin, return_year: YEAR, employment_income: [] },
    };
    expect((await call("/tax-return/create", body)).json.ErrorCode).toMatch(/do not match/);
    const filed = await call("/tax-return/create", { ...body, tax_due: summary.tax_due_refund_due });
    expect(filed.json.response).toMatchObject({ Status: "OK", AckNumber: expect.stringMatching(/^KRA/) });
    expect((await call("/tax-return/create", { ...body, tax_due: summary.tax_due_refund_due })).json.ErrorCode).toMatch(/already been filed/);
  });

  it("the GET filing period answers an object or a list", async () => {
    const query = `pin=${ONE.pin}&obligation_id=2&is_amended=N&branch_id=&from_date=&from_itms_or_prtl=PRTL`;
    expect((await call(`/obligation-filling-period?${query}`)).json).toMatchObject({ status: "OK", trpFromDate: `01/01/${YEAR}` });
    up.setAnswerForm({ endpoint: "itr-filing-period", success: "array", times: 1 });
    expect((await call(`/obligation-filling-period?${query}`)).json[0]).toMatchObject({ status: "OK", national_id: ITR_NATIONAL_ID });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN } from "./internals";
import { SEEDED_PRNS, startSimulatedUpstream, TEST_TAXPAYERS, type SimulatedUpstream } from "./index";

// The returns and payments endpoints of the simulated upstream (UPSTREAM.md rows 22–29, §7).

const [ONE, TWO, THREE, FOUR, FIVE, SIX] = TEST_TAXPAYERS as [typeof TEST_TAXPAYERS[0], ...typeof TEST_TAXPAYERS];
const API_KEY = "returns-test-key";
const PHOENIX_500 = { errors: { detail: "Internal Server Error" } };
const NOT_REGISTERED = "Invalid Obligation user not Registered for Obligation";

interface Answer {
  status: number;
  contentType: string | null;
  json: any;
}

let up: SimulatedUpstream;
const tokens = new Map<string, string>();

async function send(url: string, init: RequestInit & { token?: string | null; apiKey?: string } = {}): Promise<Answer> {
  const token = init.token === undefined ? tokens.get(ONE!.msisdn) : init.token;
  const headers: Record<string, string> = { "content-type": "application/json", "x-api-key": init.apiKey ?? API_KEY };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  return { status: response.status, contentType, json: contentType?.includes("json") && text ? JSON.parse(text) : text };
}

const tokenOf = (msisdn: string) => tokens.get(msisdn)!;
const get = (path: string, msisdn = ONE!.msisdn) => send(`${up.upstreamBaseUrl}${path}`, { token: tokenOf(msisdn) });
const post = (path: string, body: unknown, msisdn = ONE!.msisdn) =>
  send(`${up.upstreamBaseUrl}${path}`, { method: "POST", body: JSON.stringify(body), token: tokenOf(msisdn) });

function expectInternals(value: object): void {
  expect(value).toMatchObject({ internal_note: INTERNAL_NOTE, service_token: INTERNAL_TOKEN, requested_by_msisdn: THIRD_PARTY_MSISDN });
}

// Nairobi's calendar, computed independently of the simulator's own date code.
function nairobiParts(): { day: number; month: number; year: number } {
  const [day, month, year] = new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi" }).format(new Date()).split("/").map(Number);
  return { day: day!, month: month!, year: year! };
}
const pad = (n: number) => String(n).padStart(2, "0");
function month(offsetFromNow: number, separator = "/"): { from: string; to: string } {
  const { month: m, year } = nairobiParts();
  const first = new Date(Date.UTC(year, m - 1 + offsetFromNow, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const write = (d: Date) => [pad(d.getUTCDate()), pad(d.getUTCMonth() + 1), d.getUTCFullYear()].join(separator);
  return { from: write(first), to: write(last) };
}
const todaySlashed = () => new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi" }).format(new Date());

const periodBody = (obligationId: string, pin: string) => ({
  branch_id: "", from_date: "", from_itms_or_prtl: "PRTL", is_amended: "N", obligation_id: obligationId, pin,
});
const nilBody = (obligationId: string, pin: string, returnPeriod: string) => ({
  kra_obligation_id: obligationId, obligation_code: obligationId, returnPeriod, returnType: "nil_return", tax_payer_pin: pin, has_rental_property: "N",
});
const totBody = (pin: string, start: string, end: string, cycle: "M" | "D", amount = "100000") => ({
  tax_payer_pin: pin, kra_obligation_id: "8", obligation_code: "8", start_date: start, end_date: end, filingCycle: cycle, taxable_amount: amount,
});
const mriBody = (pin: string, start: string, end: string, amount = "50000") => ({
  tax_payer_pin: pin, kra_obligation_id: "33", obligation_code: "33", start_date: start, end_date: end, total_properties: "2", taxable_amount: amount,
});
const prnBody = (pin: string, obligationId: string, from: string, to: string, amount: unknown = "1000") => ({
  tax_payer_pin: pin, obligation_id: obligationId, tax_period_from: from, tax_period_to: to, amount,
});

/** The period the simulator offers next, as "DD/MM/YYYY - DD/MM/YYYY". */
async function nextPeriod(obligationId: string, taxpayer = ONE!): Promise<string> {
  const answer = await post("/obligation-filling-period", periodBody(obligationId, taxpayer.pin), taxpayer.msisdn);
  expect(answer.status).toBe(200);
  return `${answer.json.trpFromDate} - ${answer.json.trpToDate}`;
}

beforeAll(async () => {
  up = await startSimulatedUpstream({ apiKey: API_KEY });
  for (const taxpayer of TEST_TAXPAYERS) tokens.set(taxpayer.msisdn, up.issueToken(taxpayer.msisdn));
});
afterAll(() => up.close());
afterEach(() => {
  up.clearAnswerForms();
  up.clearFaults();
});

describe("/init carries the PIN and registrations (UPSTREAM.md §3.1)", () => {
  it("gives each test taxpayer's PIN in entities[0].pin, with has_vat and has_etims", async () => {
    const init = async (msisdn: string) => (await send(`${up.identityBaseUrl}/init`, { method: "POST", body: JSON.stringify({ msisdn }), token: null })).json;
    for (const taxpayer of [ONE!, TWO!, THREE!, FOUR!]) {
      expect(await init(taxpayer.msisdn)).toMatchObject({ code: 1, has_vat: false, entities: [{ name: taxpayer.name, pin: taxpayer.pin }] });
    }
    expect(await init(FIVE!.msisdn)).toMatchObject({ has_vat: true, has_etims: true, entities: [{ pin: FIVE!.pin }] });
    expect(await init(THREE!.msisdn)).toMatchObject({ has_etims: false });
    expect(await init(SIX!.msisdn)).toEqual({ code: 1, message: "Tax Payer registered", name: SIX!.name, has_etims: false, has_vat: false, entities: [] });
  });
});

describe("authorisation, like the other tax routes", () => {
  const calls: Array<[string, string, unknown?]> = [
    ["GET", `/ussd/tax-payer-obligations/${"A000000001A"}`],
    ["POST", "/ussd/obligation-filling-period", periodBody("7", "A000000001A")],
    ["POST", "/ussd/file-return", nilBody("7", "A000000001A", "01/01/2020 - 31/01/2020")],
    ["GET", "/ussd/tax-payer-liabilities?obligation_id=7&tax_payer_pin=A000000001A"],
    ["GET", "/properties/lookup/A000000001A"],
    ["POST", "/ussd/generate-prn", prnBody("A000000001A", "41", "01-08-2025", "31-08-2025")],
    ["POST", "/ussd/make-payment", { prn: SEEDED_PRNS[0]!.prn, msisdn: ONE!.msisdn }],
  ];

  it.each(calls)("%s %s needs a live Bearer token and the API key", async (method, path, body) => {
    const url = `${up.itaxBaseUrl}${path}`;
    const init = { method, body: body === undefined ? undefined : JSON.stringify(body) };
    const unauthorized = { status: 401, json: { errors: { detail: "Unauthorized" } } };
    expect(await send(url, { ...init, token: null })).toMatchObject(unauthorized);
    expect(await send(url, { ...init, token: "not.a.token" })).toMatchObject(unauthorized);
    expect(await send(url, { ...init, apiKey: "wrong" })).toMatchObject(unauthorized);
    const revoked = up.issueToken(SIX!.msisdn);
    up.revokeTokens(SIX!.msisdn);
    expect(await send(url, { ...init, token: revoked })).toMatchObject(unauthorized);
    tokens.set(SIX!.msisdn, up.issueToken(SIX!.msisdn));
    expect((await send(url, init)).status).toBe(200);
  });
});

describe("GET /tax-payer-obligations/{pin} (§7.2)", () => {
  it("answers the recorded shape by default: a bare list keyed kra_obligation_id, internals on each item", async () => {
    const answer = await get(`/tax-payer-obligations/${FIVE!.pin}`);
    expect(answer.status).toBe(200);
    expect(answer.json.map((o: any) => [o.kra_obligation_id, o.name])).toEqual([
      ["1", "Value Added Tax (VAT)"], ["2", "Individual Income Tax - Resident (ITR)"], ["7", "Income Tax - PAYE"], ["41", "Affordable Housing Levy (AHL)"],
    ]);
    expect(answer.json[0]).toMatchObject({ description: "Value Added Tax (VAT)" });
    answer.json.forEach(expectInternals);
  });

  it("answers {obligations:[…]} with the app's keys in the wrapped form, and a bare list with id/name in the array form", async () => {
    up.setAnswerForm({ endpoint: "tax-payer-obligations", success: "wrapped", times: 1 });
    const wrapped = await get(`/tax-payer-obligations/${THREE!.pin}`);
    expect(wrapped.json.obligations).toEqual([
      { obligation_id: "2", obligation_code: "2", obligation_name: "Individual Income Tax - Resident (ITR)", obligation_short_name: "ITR" },
      { obligation_id: "33", obligation_code: "33", obligation_name: "MRI", obligation_short_name: "MRI" },
    ]);
    expectInternals(wrapped.json);
    up.setAnswerForm({ endpoint: "tax-payer-obligations", success: "array", times: 1 });
    const array = await get(`/tax-payer-obligations/${FOUR!.pin}`);
    expect(array.json.map((o: any) => ({ id: o.id, name: o.name, obligation_short_name: o.obligation_short_name }))).toEqual([
      { id: "2", name: "Individual Income Tax - Resident (ITR)", obligation_short_name: "ITR" },
      { id: "8", name: "Turnover Tax", obligation_short_name: "TOT" },
    ]);
    expect(Array.isArray((await get(`/tax-payer-obligations/${FOUR!.pin}`)).json)).toBe(true); // rule used up: recorded again
  });

  it("refuses an unknown PIN, or an ID number, with a message", async () => {
    for (const pin of ["A999999999Z", ONE!.idNumber]) {
      const answer = await get(`/tax-payer-obligations/${pin}`);
      expect(answer).toMatchObject({ status: 422, json: { message: "Invalid PIN Number" } });
      expectInternals(answer.json);
    }
  });
});

describe("POST /obligation-filling-period (§7.3)", () => {
  it("answers the recorded success: last month, DD/MM/YYYY, lowercase status", async () => {
    const { from, to } = month(-1);
    const answer = await post("/obligation-filling-period", periodBody("33", THREE!.pin), THREE!.msisdn);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ description: "Successfully populated period", responseCode: null, status: "OK", trpFromDate: from, trpToDate: to });
    expectInternals(answer.json);
  });

  it("offers last year for the annual ITR obligation", async () => {
    const year = nairobiParts().year - 1;
    expect(await nextPeriod("2", FOUR!)).toBe(`01/01/${year} - 31/12/${year}`);
  });

  it("answers periods[] with the period string in the periods form", async () => {
    const { from, to } = month(-1);
    up.setAnswerForm({ endpoint: "obligation-filling-period", success: "periods", pin: FOUR!.pin });
    const answer = await post("/obligation-filling-period", periodBody("8", FOUR!.pin), FOUR!.msisdn);
    expect(answer.json).toMatchObject({ status: "OK", periods: [`${from} - ${to}`] });
    expect(answer.json.trpFromDate).toBeUndefined();
    const other = await post("/obligation-filling-period", periodBody("8", TWO!.pin), TWO!.msisdn); // rule is for FOUR's PIN only
    expect(other.json.trpFromDate).toBe(from);
  });

  it("refuses VAT for any PIN with the recorded 'cannot be Autopopulated' message", async () => {
    for (const taxpayer of [FIVE!, ONE!]) {
      const answer = await post("/obligation-filling-period", periodBody("1", taxpayer.pin), taxpayer.msisdn);
      expect(answer).toMatchObject({ status: 422, json: { message: "Special Obligation cannot be Autopopulated" } });
      expectInternals(answer.json);
    }
  });

  it("refuses an obligation the taxpayer is not registered for, as recorded", async () => {
    for (const obligation of ["33", "8"]) {
      expect(await post("/obligation-filling-period", periodBody(obligation, ONE!.pin))).toMatchObject({ status: 422, json: { message: NOT_REGISTERED } });
    }
    expect((await post("/obligation-filling-period", periodBody("7", "A999999999Z"))).json.message).toBe(NOT_REGISTERED);
  });

  it("answers Phoenix's 500 when the fixed fields are missing or different", async () => {
    const { from_itms_or_prtl: _dropped, ...withoutPortal } = periodBody("7", ONE!.pin);
    expect(await post("/obligation-filling-period", withoutPortal)).toMatchObject({ status: 500, json: PHOENIX_500 });
    expect(await post("/obligation-filling-period", { ...periodBody("7", ONE!.pin), is_amended: "Y" })).toMatchObject({ status: 500 });
    expect(await post("/obligation-filling-period", { obligation_id: "7" })).toMatchObject({ status: 500, json: PHOENIX_500 });
  });
});

describe("POST /file-return (§7.4)", () => {
  describe("NIL returns", () => {
    it("files with code 1 and an acknowledgement, then refuses the same period and offers the next", async () => {
      const period = await nextPeriod("7");
      expect(period).toBe(`${month(-1).from} - ${month(-1).to}`);
      const filed = await post("/file-return", nilBody("7", ONE!.pin, period));
      expect(filed.status).toBe(200);
      expect(filed.json).toMatchObject({ code: 1, message: "Return filed successfully", receipt_number: expect.stringMatching(/^KRA\d{15}$/) });
      expect(filed.json.tax_due).toBeUndefined();
      expectInternals(filed.json);
      const again = await post("/file-return", nilBody("7", ONE!.pin, period));
      expect(again).toMatchObject({ status: 422, json: { ErrorCode: `Return for the period ${period} has already been filed`, Status: "NOK" } });
      expectInternals(again.json);
      expect(await nextPeriod("7")).toBe(`${month(0).from} - ${month(0).to}`);
    });

    it.each([
      ["code-200", { code: 200, message: "Return filed successfully" }],
      ["success", { success: true, message: "Return filed successfully" }],
      ["status-ok", { response: { Status: "OK", Message: "Return filed successfully", AckNumber: expect.stringMatching(/^KRA/) } }],
      ["code-1", { code: 1 }],
    ] as const)("answers in the %s form when asked", async (form, shape) => {
      up.setAnswerForm({ endpoint: "file-return", success: form, times: 1 });
      const answer = await post("/file-return", nilBody("2", FIVE!.pin, await nextPeriod("2", FIVE!)), FIVE!.msisdn);
      expect(answer).toMatchObject({ status: 200, json: shape });
      expectInternals(answer.json);
      if (form === "status-ok") expect(answer.json.response.PRN).toBeUndefined(); // a NIL return has nothing to pay
    });

    it("files VAT NIL returns for a VAT-registered taxpayer (the period comes from the user)", async () => {
      const answer = await post("/file-return", nilBody("1", FIVE!.pin, "01/09/2025 - 30/09/2025"), FIVE!.msisdn);
      expect(answer.json.code).toBe(1);
      expect((await post("/file-return", nilBody("1", ONE!.pin, "01/09/2025 - 30/09/2025"))).json.ErrorCode).toBe(NOT_REGISTERED);
    });

    it("refuses a period that is not 'DD/MM/YYYY - DD/MM/YYYY', a mismatched code and an unknown PIN", async () => {
      for (const period of ["01-09-2025 - 30-09-2025", "01/09/2025-30/09/2025", "30/09/2025 - 01/09/2025", "31/02/2025 - 28/02/2025", "01/09/2025"]) {
        expect((await post("/file-return", nilBody("7", ONE!.pin, period))).json.ErrorCode).toBe("Invalid return period, expected DD/MM/YYYY - DD/MM/YYYY");
      }
      const mismatched = { ...nilBody("7", ONE!.pin, "01/01/2024 - 31/01/2024"), obligation_code: "8" };
      expect((await post("/file-return", mismatched)).json.ErrorCode).toBe("Obligation code does not match the obligation");
      expect((await post("/file-return", nilBody("7", "A999999999Z", "01/01/2024 - 31/01/2024"))).json.ErrorCode).toBe("Invalid PIN Number");
    });

    it("answers the older recorded bodies with Phoenix's 500, as on kratest", async () => {
      const recorded = [
        { kra_obligation_id: "1", returnPeriod: "01/12/2024 - 31/12/2024", returnType: "nil_return", tax_payer_pin: ONE!.pin },
        { kra_obligation_id: "33", returnPeriod: "01/12/2024 - 31/12/2024", returnType: "mri_return", tax_payer_pin: ONE!.pin, rental_income: 50000, tax_amount: 5000 },
        { kra_obligation_id: "8", returnPeriod: "15/12/2024", returnType: "tot_return", tax_payer_pin: ONE!.pin, gross_sales: 100000, tax_amount: 3000, filing_mode: "daily" },
        {},
      ];
      for (const body of recorded) expect(await post("/file-return", body)).toMatchObject({ status: 500, json: PHOENIX_500 });
    });
  });

  describe("TOT and MRI returns", () => {
    it("files monthly TOT with ResponseCode 87000, the tax (1.5 %) and a PRN", async () => {
      const { from, to } = month(-3);
      const answer = await post("/file-return", totBody(FOUR!.pin, from, to, "M"), FOUR!.msisdn);
      expect(answer.json.response).toEqual({
        ResponseCode: "87000", Message: "Return filed successfully", AckNumber: expect.stringMatching(/^KRA\d{15}$/),
        PRN: expect.stringMatching(/^11\d{14}$/), TaxPayable: 1500,
      });
      expectInternals(answer.json);
    });

    it("files daily TOT (today for both dates) with a root-level prn plus tax_due", async () => {
      const today = todaySlashed();
      const answer = await post("/file-return", totBody(FOUR!.pin, today, today, "D", "20000"), FOUR!.msisdn);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(expect.objectContaining({ prn: expect.stringMatching(/^11\d{14}$/), tax_due: 300 }));
      expect(answer.json).not.toHaveProperty("code");
      expect(answer.json).not.toHaveProperty("response");
      expectInternals(answer.json);
    });

    it("files MRI with ResponseCode 88000 and the tax (7.5 %)", async () => {
      const { from, to } = month(-1);
      const answer = await post("/file-return", mriBody(THREE!.pin, from, to), THREE!.msisdn);
      expect(answer.json.response).toMatchObject({ ResponseCode: "88000", TaxPayable: 3750, PRN: expect.stringMatching(/^11\d{14}$/) });
    });

    it("answers TOT/MRI in the code, success and status-ok forms, with tax_due or TaxPayable", async () => {
      const forms = [
        ["code-1", { code: 1, tax_due: 1500 }], ["code-200", { code: 200, tax_due: 1500 }], ["success", { success: true, tax_due: 1500 }],
        ["status-ok", { response: { Status: "OK", TaxPayable: 1500, PRN: expect.stringMatching(/^11/) } }],
      ] as const;
      for (const [index, [form, shape]] of forms.entries()) {
        up.setAnswerForm({ endpoint: "file-return", success: form, times: 1 });
        const { from, to } = month(-10 - index);
        const answer = await post("/file-return", totBody(TWO!.pin, from, to, "M"), TWO!.msisdn);
        expect(answer, form).toMatchObject({ status: 200, json: shape });
      }
    });

    it("skips a form that does not fit the return: response-code waits for a TOT/MRI return, prn-tax-due for tax to pay", async () => {
      up.setAnswerForm({ endpoint: "file-return", success: "response-code", times: 1 });
      const nil = await post("/file-return", nilBody("2", ONE!.pin, await nextPeriod("2")));
      expect(nil.json).toMatchObject({ code: 1 });
      up.setAnswerForm({ endpoint: "file-return", success: "prn-tax-due", times: 1 });
      const { from, to } = month(-20);
      const zero = await post("/file-return", totBody(TWO!.pin, from, to, "M", "0"), TWO!.msisdn);
      expect(zero.json.response).toMatchObject({ ResponseCode: "87000", PRN: null, TaxPayable: 0 }); // the earlier rule, used here
      const taxed = await post("/file-return", totBody(TWO!.pin, month(-21).from, month(-21).to, "M"), TWO!.msisdn);
      expect(taxed.json).toMatchObject({ prn: expect.any(String), tax_due: 1500 });
    });

    it("refuses wrong dates, periods, amounts and obligations with ErrorCode text", async () => {
      const { from, to } = month(-5);
      const refusals: Array<[unknown, string, string?]> = [
        [totBody(FOUR!.pin, "2025-09-01", "2025-09-30", "M"), "Invalid date format, expected DD/MM/YYYY"],
        [totBody(FOUR!.pin, from.replaceAll("/", "-"), to.replaceAll("/", "-"), "M"), "Invalid date format, expected DD/MM/YYYY"],
        [totBody(FOUR!.pin, "02/09/2025", "30/09/2025", "M"), "Invalid return period"],
        [totBody(FOUR!.pin, "01/09/2025", "02/09/2025", "D"), "Invalid return period"],
        [totBody(FOUR!.pin, from, to, "M", "12,000"), "Invalid taxable amount"],
        [totBody(FOUR!.pin, from, to, "M", "-5"), "Invalid taxable amount"],
        [totBody(ONE!.pin, from, to, "M"), NOT_REGISTERED, ONE!.msisdn],
        [{ ...mriBody(THREE!.pin, from, to), total_properties: "0" }, "Invalid number of properties", THREE!.msisdn],
        [mriBody(FOUR!.pin, from, to), NOT_REGISTERED],
      ];
      for (const [body, text, msisdn] of refusals) {
        const answer = await post("/file-return", body, msisdn ?? FOUR!.msisdn);
        expect(answer, text).toMatchObject({ status: 422, json: { ErrorCode: text, Status: "NOK" } });
      }
      expect(await post("/file-return", { ...totBody(FOUR!.pin, from, to, "M"), filingCycle: "W" }, FOUR!.msisdn)).toMatchObject({ status: 500 });
    });
  });

  describe("calc_only", () => {
    it("calculates TOT and MRI tax as tax_due, filing nothing", async () => {
      const { from, to } = month(-6);
      const tot = await post("/file-return", { ...totBody(FOUR!.pin, from, to, "M", "250000"), calc_only: "true" }, FOUR!.msisdn);
      expect(tot).toMatchObject({ status: 200, json: { tax_due: 3750 } });
      expectInternals(tot.json);
      const mri = await post("/file-return", { ...mriBody(THREE!.pin, from, to, "12345.50"), calc_only: true }, THREE!.msisdn);
      expect(mri.json.tax_due).toBe(925.91);
      expect((await post("/file-return", totBody(FOUR!.pin, from, to, "M", "250000"), FOUR!.msisdn)).json.response.TaxPayable).toBe(3750);
      // a period already filed can still be calculated
      expect((await post("/file-return", { ...totBody(FOUR!.pin, from, to, "M"), calc_only: "true" }, FOUR!.msisdn)).json.tax_due).toBe(1500);
    });

    it("answers total_tax or total_amount when asked, and refuses bad amounts", async () => {
      const { from, to } = month(-7);
      for (const form of ["total_tax", "total_amount"] as const) {
        up.setAnswerForm({ endpoint: "calculate", success: form, times: 1 });
        const answer = await post("/file-return", { ...totBody(FOUR!.pin, from, to, "M"), calc_only: "true" }, FOUR!.msisdn);
        expect(answer.json[form]).toBe(1500);
        expect(answer.json.tax_due).toBeUndefined();
      }
      const bad = await post("/file-return", { ...totBody(FOUR!.pin, from, to, "M", "lots"), calc_only: "true" }, FOUR!.msisdn);
      expect(bad).toMatchObject({ status: 422, json: { ErrorCode: "Invalid taxable amount" } });
    });
  });

  describe("error forms", () => {
    it.each([
      ["ErrorCode", { ErrorCode: "Service down", Status: "NOK" }],
      ["Message", { Message: "Service down", Status: "NOK" }],
      ["message", { message: "Service down" }],
      ["errors.detail", { errors: { detail: "Service down" } }],
    ] as const)("refuses in the %s form, with the rule's status", async (form, shape) => {
      up.setAnswerForm({ endpoint: "file-return", error: form, message: "Service down", times: 1 });
      const period = await nextPeriod("7", FIVE!);
      const refused = await post("/file-return", nilBody("7", FIVE!.pin, period), FIVE!.msisdn);
      expect(refused).toMatchObject({ status: 422, json: shape });
      expectInternals(refused.json);
      up.setAnswerForm({ endpoint: "file-return", error: form, message: "Service down", status: 200, times: 1 });
      expect(await post("/file-return", nilBody("7", FIVE!.pin, period), FIVE!.msisdn)).toMatchObject({ status: 200, json: shape });
      expect((await post("/file-return", nilBody("7", FIVE!.pin, period), FIVE!.msisdn)).json.code).toBe(1); // nothing was filed before
    });

    it("limits a rule to one PIN", async () => {
      up.setAnswerForm({ endpoint: "file-return", error: "message", message: "Only for FIVE", pin: FIVE!.pin.toLowerCase() });
      expect((await post("/file-return", nilBody("2", ONE!.pin, "01/01/2019 - 31/12/2019"))).json.code).toBe(1);
      expect((await post("/file-return", nilBody("2", FIVE!.pin, "01/01/2019 - 31/12/2019"), FIVE!.msisdn)).json.message).toBe("Only for FIVE");
    });

    it("rejects rules without a form or with times below 1", () => {
      expect(() => up.setAnswerForm({ endpoint: "file-return" })).toThrow(TypeError);
      expect(() => up.setAnswerForm({ endpoint: "file-return", success: "code-1", times: 0 })).toThrow(RangeError);
    });
  });
});

describe("GET /tax-payer-liabilities (§7.5)", () => {
  const liabilities = (obligationId: string, pin: string) => get(`/tax-payer-liabilities?obligation_id=${obligationId}&tax_payer_pin=${pin}`);

  it("lists principal, penalty, interest and total with Status OK and ResponseCode 30000", async () => {
    const answer = await liabilities("8", TWO!.pin);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ Status: "OK", ResponseCode: "30000", ResponseMsg: "Liabilities found", PinNo: TWO!.pin, ObligationId: "8" });
    expect(answer.json.LiabilitiesList).toEqual([
      { TaxPeriodFrom: "01/08/2025", TaxPeriodTo: "31/08/2025", PrincipalAmount: 1500, PenaltyAmount: 1000, InterestAmount: 15, FineAmount: 0, TotalAmount: 2515 },
      { TaxPeriodFrom: "01/09/2025", TaxPeriodTo: "30/09/2025", PrincipalAmount: 900, PenaltyAmount: 1000, InterestAmount: 0, FineAmount: 0, TotalAmount: 1900 },
    ]);
    expectInternals(answer.json);
  });

  it("answers with Status only or ResponseCode only when asked", async () => {
    up.setAnswerForm({ endpoint: "tax-payer-liabilities", success: "status-ok", times: 1 });
    const statusOnly = (await liabilities("33", THREE!.pin)).json;
    expect(statusOnly).toMatchObject({ Status: "OK", LiabilitiesList: [expect.objectContaining({ TotalAmount: 3975 })] });
    expect(statusOnly.ResponseCode).toBeUndefined();
    up.setAnswerForm({ endpoint: "tax-payer-liabilities", success: "response-code", times: 1 });
    const codeOnly = (await liabilities("33", THREE!.pin)).json;
    expect(codeOnly.ResponseCode).toBe("30000");
    expect(codeOnly.Status).toBeUndefined();
  });

  it("answers an empty list for an obligation with nothing owed, and refuses an unknown PIN or a missing obligation", async () => {
    expect((await liabilities("8", FOUR!.pin)).json).toMatchObject({ ResponseMsg: "No liabilities found", LiabilitiesList: [] });
    expect(await liabilities("8", "A999999999Z")).toMatchObject({ status: 422, json: { Message: "Invalid PIN Number", Status: "NOK" } });
    expect(await get(`/tax-payer-liabilities?tax_payer_pin=${TWO!.pin}`)).toMatchObject({ status: 422, json: { Message: "Obligation is required" } });
    up.setAnswerForm({ endpoint: "tax-payer-liabilities", error: "errors.detail", message: "iTax unavailable", times: 1 });
    expect((await liabilities("8", TWO!.pin)).json.errors).toEqual({ detail: "iTax unavailable" });
  });
});

describe("GET A/properties/lookup/{pin} (§7.6)", () => {
  const properties = (pin: string) => send(`${up.itaxBaseUrl}/properties/lookup/${pin}`, { token: tokenOf(THREE!.msisdn) });

  it("lives under the iTax base …/api, not …/api/ussd", async () => {
    expect(up.itaxBaseUrl).toBe(`${up.url}/api`);
    expect((await get(`/properties/lookup/${THREE!.pin}`)).status).toBe(404);
  });

  it("lists the landlord's properties with ResponseCode 20000 and Status OK", async () => {
    const answer = await properties(THREE!.pin);
    expect(answer.json).toMatchObject({ ResponseCode: "20000", Status: "OK", ResponseMsg: "Properties found" });
    expect(answer.json.PropertiesList).toHaveLength(2);
    expect(answer.json.PropertiesList[0]).toEqual({
      Building: "TEST COURT", LandlordPIN: THREE!.pin, LocalityStr: "Kilimani, Nairobi", PropertyRegId: "PRP0001", UnitsEst: "4", lrNo: "NAIROBI/BLOCK0001/1",
    });
    expectInternals(answer.json);
    expect((await properties(ONE!.pin)).json).toMatchObject({ ResponseMsg: "No properties found", PropertiesList: [] });
  });

  it("answers with one signal when asked, and refuses an unknown PIN", async () => {
    up.setAnswerForm({ endpoint: "properties-lookup", success: "response-code", times: 1 });
    expect((await properties(THREE!.pin)).json.Status).toBeUndefined();
    up.setAnswerForm({ endpoint: "properties-lookup", success: "status-ok", times: 1 });
    expect((await properties(THREE!.pin)).json.ResponseCode).toBeUndefined();
    expect(await properties("A999999999Z")).toMatchObject({ status: 422, json: { Message: "Invalid PIN Number" } });
  });
});

describe("POST /generate-prn (§7.7)", () => {
  const generate = (body: unknown, msisdn = ONE!.msisdn) => post("/generate-prn", body, msisdn);
  const dashedMonth = month(-1, "-");
  const slashedMonth = month(-1);

  it("issues a PRN with Status OK and ResponseCode 50000", async () => {
    const answer = await generate(prnBody(ONE!.pin, "41", dashedMonth.from, dashedMonth.to, "1575"));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      Status: "OK", ResponseCode: "50000", ResponseMsg: "PRN generated successfully", PaymentRegNo: expect.stringMatching(/^11\d{14}$/), Amount: 1575,
    });
    expectInternals(answer.json);
  });

  it("wants DD-MM-YYYY for AHL (41) and NITA (42), and refuses DD/MM/YYYY", async () => {
    for (const obligation of ["41", "42"]) {
      expect((await generate(prnBody(ONE!.pin, obligation, dashedMonth.from, dashedMonth.to))).json.Status).toBe("OK");
      const refused = await generate(prnBody(ONE!.pin, obligation, slashedMonth.from, slashedMonth.to));
      expect(refused).toMatchObject({ status: 422, json: { Message: "Invalid tax period date format, expected DD-MM-YYYY", Status: "NOK" } });
      expectInternals(refused.json);
    }
  });

  it("wants DD/MM/YYYY for TOT (8) and MRI (33), and refuses DD-MM-YYYY", async () => {
    expect((await generate(prnBody(FOUR!.pin, "8", slashedMonth.from, slashedMonth.to), FOUR!.msisdn)).json.Status).toBe("OK");
    expect((await generate(prnBody(THREE!.pin, "33", slashedMonth.from, slashedMonth.to), THREE!.msisdn)).json.Status).toBe("OK");
    for (const [pin, obligation] of [[FOUR!.pin, "8"], [THREE!.pin, "33"]] as const) {
      expect((await generate(prnBody(pin, obligation, dashedMonth.from, dashedMonth.to))).json.Message).toBe("Invalid tax period date format, expected DD/MM/YYYY");
    }
  });

  it("takes either format for other obligations, but not ISO dates, impossible days or a reversed period", async () => {
    expect((await generate(prnBody(ONE!.pin, "7", dashedMonth.from, dashedMonth.to))).json.Status).toBe("OK");
    expect((await generate(prnBody(ONE!.pin, "7", slashedMonth.from, slashedMonth.to))).json.Status).toBe("OK");
    expect((await generate(prnBody(ONE!.pin, "7", "2025-09-01", "2025-09-30"))).json.Message).toMatch(/^Invalid tax period date format/);
    expect((await generate(prnBody(ONE!.pin, "41", "31-02-2025", "28-02-2025"))).json.Message).toMatch(/^Invalid tax period date format/);
    expect((await generate(prnBody(ONE!.pin, "41", "30-09-2025", "01-09-2025"))).json.Message).toBe("Tax period from is after tax period to");
  });

  it("wants a whole number of shillings above zero, as a string or a number", async () => {
    const withAmount = (amount: unknown) => generate(prnBody(ONE!.pin, "41", dashedMonth.from, dashedMonth.to, amount));
    for (const amount of ["1000.50", "0", "-5", "1,000", "", "1e3"]) expect((await withAmount(amount)).json.Message, amount).toBe("Invalid amount");
    expect((await withAmount(2000)).json.Amount).toBe(2000);
  });

  it("refuses an unknown PIN and an obligation the taxpayer does not have; Phoenix's 500 without the fields", async () => {
    expect((await generate(prnBody("A999999999Z", "41", dashedMonth.from, dashedMonth.to))).json.Message).toBe("Invalid PIN Number");
    expect((await generate(prnBody(ONE!.pin, "8", slashedMonth.from, slashedMonth.to))).json.Message).toBe(NOT_REGISTERED);
    expect(await generate({ tax_payer_pin: ONE!.pin, obligation_id: "41" })).toMatchObject({ status: 500, json: PHOENIX_500 });
  });

  it("answers in the status-ok, response-code and lowercase prn forms when asked", async () => {
    const body = prnBody(ONE!.pin, "41", dashedMonth.from, dashedMonth.to);
    up.setAnswerForm({ endpoint: "generate-prn", success: "status-ok", times: 1 });
    const statusOk = (await generate(body)).json;
    expect(statusOk).toMatchObject({ Status: "OK", PaymentRegNo: expect.any(String) });
    expect(statusOk.ResponseCode).toBeUndefined();
    up.setAnswerForm({ endpoint: "generate-prn", success: "response-code", times: 1 });
    const codeOnly = (await generate(body)).json;
    expect(codeOnly).toMatchObject({ ResponseCode: "50000", PaymentRegNo: expect.any(String) });
    expect(codeOnly.Status).toBeUndefined();
    up.setAnswerForm({ endpoint: "generate-prn", success: "prn", times: 1 });
    const lower = (await generate(body)).json;
    expect(lower.prn).toMatch(/^11\d{14}$/);
    expect(lower.PaymentRegNo).toBeUndefined();
    expectInternals(lower);
  });
});

describe("POST /make-payment (§7.8)", () => {
  const pay = (prn: string, msisdn: string, caller = ONE!.msisdn) => post("/make-payment", { prn, msisdn }, caller);

  async function freshPrn(): Promise<string> {
    const { from, to } = month(-1, "-");
    return (await post("/generate-prn", prnBody(ONE!.pin, "41", from, to, "1575"))).json.PaymentRegNo;
  }

  it("starts an M-Pesa push for a PRN: status 200 and desc ok", async () => {
    const prn = await freshPrn();
    const before = up.stkPushes().length;
    const answer = await pay(prn, "0700000001");
    expect(answer).toMatchObject({ status: 200, json: { status: 200, desc: "ok", message: expect.stringContaining("M-Pesa"), checkout_url: `${up.url}/checkout/${prn}` } });
    expectInternals(answer.json);
    expect(up.stkPushes().slice(before)).toEqual([{ prn, msisdn: ONE!.msisdn, amount: 1575 }]);
  });

  it("pays the seeded e-slips and PRNs that file-return issued", async () => {
    expect((await pay(SEEDED_PRNS[1]!.prn, TWO!.msisdn, TWO!.msisdn)).json.desc).toBe("ok");
    const today = todaySlashed();
    const filed = await post("/file-return", totBody(TWO!.pin, today, today, "D", "1000"), TWO!.msisdn);
    expect((await pay(filed.json.prn, TWO!.msisdn, TWO!.msisdn)).json.status).toBe(200);
    expect(up.stkPushes().at(-1)).toEqual({ prn: filed.json.prn, msisdn: TWO!.msisdn, amount: 15 });
  });

  it("answers status 200 only, or desc ok only, when asked", async () => {
    up.setAnswerForm({ endpoint: "make-payment", success: "status-200", times: 1 });
    const statusOnly = (await pay(SEEDED_PRNS[0]!.prn, ONE!.msisdn)).json;
    expect(statusOnly.status).toBe(200);
    expect(statusOnly.desc).toBeUndefined();
    up.setAnswerForm({ endpoint: "make-payment", success: "desc-ok", times: 1 });
    const descOnly = (await pay(SEEDED_PRNS[0]!.prn, ONE!.msisdn)).json;
    expect(descOnly.desc).toBe("ok");
    expect(descOnly.status).toBeUndefined();
  });

  it("refuses an unknown PRN and a number that is not a Kenyan mobile, pushing nothing", async () => {
    const before = up.stkPushes().length;
    expect(await pay("1120259999999999", ONE!.msisdn)).toMatchObject({ status: 422, json: { message: "Invalid PRN" } });
    for (const msisdn of ["12345", "254200000001", "2547000000011"]) {
      expect((await pay(SEEDED_PRNS[0]!.prn, msisdn)).json.message, msisdn).toBe("Invalid phone number");
    }
    expect(await post("/make-payment", { prn: SEEDED_PRNS[0]!.prn })).toMatchObject({ status: 500, json: PHOENIX_500 });
    expect(up.stkPushes()).toHaveLength(before);
  });

  it("can refuse with HTTP 200 and no success signal (a 2xx that is not a success), for the PRN owner's PIN only", async () => {
    up.setAnswerForm({ endpoint: "make-payment", error: "message", message: "Payment could not be initiated", status: 200, pin: ONE!.pin });
    expect((await pay(SEEDED_PRNS[1]!.prn, TWO!.msisdn, TWO!.msisdn)).json.desc).toBe("ok");
    const refused = await pay(SEEDED_PRNS[0]!.prn, ONE!.msisdn);
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ message: "Payment could not be initiated" });
    expect(refused.json.status).toBeUndefined();
    expect(refused.json.desc).toBeUndefined();
  });
});

describe("faults and recording on the returns routes", () => {
  it("answers HAProxy's HTML 503 and Phoenix's 500 through addFault", async () => {
    up.addFault({ fault: { kind: "html503" }, path: "/api/ussd/file-return", times: 1 });
    const outage = await post("/file-return", nilBody("7", ONE!.pin, "01/01/2023 - 31/01/2023"));
    expect(outage.status).toBe(503);
    expect(outage.contentType).toBe("text/html");
    expect(outage.json).toContain("No server is available to handle this request.");
    up.addFault({ fault: { kind: "phoenix500" }, path: "/api/properties/lookup", times: 1 });
    expect(await send(`${up.itaxBaseUrl}/properties/lookup/${THREE!.pin}`)).toMatchObject({ status: 500, json: PHOENIX_500 });
    expect((await send(`${up.itaxBaseUrl}/properties/lookup/${THREE!.pin}`)).status).toBe(200);
  });

  it("hangs (a timeout for the caller) and answers late with slow", async () => {
    up.addFault({ fault: { kind: "hang" }, path: "/api/ussd/generate-prn", times: 1 });
    const { from, to } = month(-1, "-");
    const body = JSON.stringify(prnBody(ONE!.pin, "41", from, to));
    const headers = { authorization: `Bearer ${tokenOf(ONE!.msisdn)}`, "x-api-key": API_KEY, "content-type": "application/json" };
    await expect(fetch(`${up.upstreamBaseUrl}/generate-prn`, { method: "POST", headers, body, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    up.addFault({ fault: { kind: "slow", delayMs: 300 }, path: /^\/api\/ussd\/tax-payer-obligations\//, times: 1 });
    const startedAt = Date.now();
    const late = await get(`/tax-payer-obligations/${ONE!.pin}`);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect(late.status).toBe(200);
  });

  it("records each request: method, path, query, headers and body", async () => {
    up.clearReceived();
    const body = periodBody("7", ONE!.pin);
    await post("/obligation-filling-period", body);
    await get(`/tax-payer-liabilities?obligation_id=7&tax_payer_pin=${ONE!.pin}`);
    await post("/make-payment", { prn: SEEDED_PRNS[0]!.prn, msisdn: ONE!.msisdn });
    const [period] = up.receivedOn("/api/ussd/obligation-filling-period");
    expect(JSON.parse(period!.body)).toEqual(body);
    expect(period!.headers["x-api-key"]).toBe(API_KEY);
    expect(up.receivedOn("/api/ussd/tax-payer-liabilities")[0]!.query).toEqual({ obligation_id: "7", tax_payer_pin: ONE!.pin });
    expect(JSON.parse(up.receivedOn("/api/ussd/make-payment")[0]!.body)).toEqual({ prn: SEEDED_PRNS[0]!.prn, msisdn: ONE!.msisdn });
    expect(up.received.map((request) => request.method)).toEqual(["POST", "GET", "POST"]);
  });
});

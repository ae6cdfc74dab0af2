import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { proxyRules } from "../../server/proxy/rules";
import {
  IMPORT_CERTIFICATES, KRA_STAFF, OTHER_PARTIES, PDF_BYTES, SEEDED_INVOICE, SEEDED_PRNS, SEEDED_TCCS, TEST_SELLER, TEST_TAXPAYERS,
} from "../upstream";
import { INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN } from "../upstream/internals";
import type { GatewayClient } from "../support/client";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// Every rule's answer is shaped by its response policy: the simulator adds an
// internal note, a service token and other taxpayers' full numbers to every
// tax-API answer, and none of them may reach the browser.

const [ONE, TWO, THREE, FOUR] = TEST_TAXPAYERS;
const ITR_YEAR = String(new Date().getUTCFullYear() - 1);
const itrDraft = { return_year: ITR_YEAR, period: `01/01/${ITR_YEAR} - 31/12/${ITR_YEAR}`, pension_contribution: 0, shif_contribution: 42_900, hl_contribution: 23_400, pmf_contribution: 0 };
let stack: Stack;
let buyer: GatewayClient;
let seller: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  buyer = await stack.signIn(ONE.msisdn);
  seller = await stack.signIn(TEST_SELLER.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearFaults());

const sale = { customer_pin: OTHER_PARTIES[1].pin, total_amount: 300, items: [{ item_name: "Soap", taxable_amount: 100, quantity: 3 }] };
const postJson = async (client: GatewayClient, path: string, json: unknown) => client.api("POST", path, { json });

async function newSale(): Promise<{ invoice_no: string; invoice_pdf_url: string }> {
  return (await postJson(buyer, "/post-sale", sale)).json();
}

async function newBuyerInitiated(): Promise<string> {
  const body = { seller_pin: TEST_SELLER.pin, seller_msisdn: TEST_SELLER.msisdn, total_amount: 300, items: sale.items };
  return (await (await postJson(buyer, "/buyer-initiated/submit/invoice", body)).json()).invoice_no;
}

interface PolicyCase {
  call: () => Promise<Response>;
  /** The whole answer the browser gets. */
  expected: unknown;
}

const text = expect.any(String);
const number = expect.any(Number);

/** One case per rule id; a rule without one fails the table below. */
const cases: Record<string, () => Promise<PolicyCase>> = {
  "buyer.lookup": async () => ({
    call: () => postJson(buyer, "/buyer-initiated/lookup", { pin_or_id: TEST_SELLER.idNumber }),
    expected: { code: 3, message: "Valid ID Number", name: TEST_SELLER.name, pin: TEST_SELLER.pin },
  }),
  "sales-invoice.submit": async () => ({
    call: () => postJson(buyer, "/post-sale", sale),
    expected: { code: 8, message: "Etims Invoice Created Successfully", invoice_no: text, invoice_pdf_url: text },
  }),
  "buyer-initiated.submit": async () => ({
    call: () => postJson(buyer, "/buyer-initiated/submit/invoice", {
      seller_pin: TEST_SELLER.pin, seller_msisdn: TEST_SELLER.msisdn, total_amount: 300, items: sale.items,
    }),
    expected: { code: 17, message: "Buyer Initiated Invoice Created Successfully", invoice_no: expect.stringMatching(/^BI-/) },
  }),
  "buyer-initiated.list": async () => {
    await newBuyerInitiated();
    return {
      call: () => seller.api("GET", "/buyer-initiated/fetch?actor=supplier&page=1&page_size=1"),
      expected: {
        code: 20, message: "Invoices Found",
        invoices: {
          total_entries: number,
          entries: [{
            uuid: text, invoice_number: text, total_amount: 300, status: "awaiting_approval", buyer_name: ONE.name,
            seller_name: text, supplier_pin: TEST_SELLER.pin, created_at: text,
            items: [{ item_name: "Soap", quantity: 3, unit_price: 100, total: 300 }],
          }],
        },
      },
    };
  },
  "buyer-initiated.action": async () => {
    const invoice = await newBuyerInitiated();
    return { call: () => postJson(seller, "/buyer-initiated/action/submit", { action: "accept", invoice }), expected: { message: "ok" } };
  },
  "credit-note.search": async () => {
    const { invoice_no } = await newSale();
    return {
      call: () => postJson(buyer, "/search/credit-note", { invoice_no }),
      expected: {
        code: 14, message: "Valid Invoice Number", invoice_no, total_amount: 300, has_partial_credit_note: false,
        items: [{ id: text, item_name: "Soap", unit_price: 100, quantity: 3 }],
      },
    };
  },
  "credit-note.full": async () => {
    const { invoice_no } = await newSale();
    return {
      call: () => postJson(buyer, "/submit/credit-note", { invoice_no, reason: "refund" }),
      expected: { code: 8, message: "ETIMS Invoice Created Successfully", credit_note_ref: text, credit_note_pdf_url: text },
    };
  },
  "credit-note.partial": async () => {
    const { invoice_no } = await newSale();
    const { items } = await (await postJson(buyer, "/search/credit-note", { invoice_no })).json();
    return {
      call: () => postJson(buyer, "/submit/partial-credit-note", { invoice_no, reason: "damaged", items: [{ item_id: items[0].id, quantity: 1 }] }),
      expected: { code: 8, message: "ETIMS Invoice Created Successfully", credit_note_ref: text, credit_note_pdf_url: text },
    };
  },
  "returns.obligations": async () => ({
    call: () => buyer.api("GET", "/tax-payer-obligations"),
    expected: ["2", "7", "41", "42"].map((id) => ({ description: text, kra_obligation_id: id, name: text })),
  }),
  "returns.filling-period": async () => ({
    call: () => postJson(buyer, "/obligation-filling-period", { obligation_id: "7" }),
    expected: { description: "Successfully populated period", status: "OK", trpFromDate: text, trpToDate: text },
  }),
  "returns.file": async () => {
    const { trpFromDate, trpToDate } = await (await postJson(buyer, "/obligation-filling-period", { obligation_id: "2" })).json();
    const nil = { kra_obligation_id: "2", obligation_code: "2", returnPeriod: `${trpFromDate} - ${trpToDate}`, returnType: "nil_return", has_rental_property: "N" };
    return { call: () => postJson(buyer, "/file-return", nil), expected: { code: 1, message: text, receipt_number: text } };
  },
  "returns.liabilities": async () => ({
    call: () => buyer.api("GET", "/tax-payer-liabilities?obligation_id=7"),
    expected: {
      Status: "OK", ResponseCode: "30000", ResponseMsg: "Liabilities found", ObligationId: "7",
      LiabilitiesList: [{
        TaxPeriodFrom: text, TaxPeriodTo: text, PrincipalAmount: number, PenaltyAmount: number,
        InterestAmount: number, FineAmount: number, TotalAmount: number,
      }],
    },
  }),
  "returns.properties": async () => {
    const landlord = await stack.signIn(THREE.msisdn);
    const property = { Building: text, LocalityStr: text, PropertyRegId: text, UnitsEst: text, lrNo: text };
    return {
      call: () => landlord.api("GET", "/properties/lookup"),
      expected: { Status: "OK", ResponseCode: "20000", ResponseMsg: "Properties found", PropertiesList: [property, property] },
    };
  },
  "payments.prn": async () => ({
    call: () => postJson(buyer, "/generate-prn", { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "250" }),
    expected: { Status: "OK", ResponseCode: "50000", ResponseMsg: text, PaymentRegNo: text, Amount: expect.anything() },
  }),
  "payments.mpesa": async () => ({
    call: () => postJson(buyer, "/make-payment", { prn: SEEDED_PRNS[0].prn }),
    expected: { status: 200, desc: "ok", message: text },
  }),
  // Checkers keep what a person needs; the record's ID, contacts, notes and the looked-up PIN are dropped.
  "checkers.pin": async () => ({
    call: () => buyer.api("GET", `/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin}`),
    expected: { TaxpayerName: TEST_SELLER.name, Station: "Thika" },
  }),
  "checkers.staff": async () => ({
    call: () => buyer.api("GET", `/taxpayer/staff-checker?national_id=${KRA_STAFF[0].IDNUMBER}`),
    expected: { OTHERNAMES: "TEST STAFF", SURNAME: "ONE", REGIONNAME: "NAIROBI REGION", DEPTNAME: "DOMESTIC TAXES", STATUS: "ACTIVE" },
  }),
  "checkers.tcc-validate": async () => {
    const { kraPin, tccNo, tccStatus, tccIssueDate, tccExpiryDate } = SEEDED_TCCS[0];
    return {
      call: () => buyer.api("GET", `/itax/validate-tcc?kra_pin=${kraPin}&tcc_number=${tccNo}`),
      expected: { TCCDATA: { kraPin, tccNo, tccStatus, tccIssueDate, tccExpiryDate } },
    };
  },
  "checkers.import-certificate": async () => ({
    call: () => buyer.api("GET", `/taxpayer/import-certificate?certificate_no=${IMPORT_CERTIFICATES[0].certiNo}`),
    expected: { importCertificate_Dtls: { importCertDtls: [IMPORT_CERTIFICATES[0]] } },
  }),
  "checkers.invoice-number": async () => ({
    call: () => buyer.api("GET", `/invoice-number-checker?invoice_number=${encodeURIComponent(SEEDED_INVOICE.number)}`),
    expected: {
      data: {
        controlUnitInvoiceNumber: SEEDED_INVOICE.number, salesDate: SEEDED_INVOICE.salesDate, supplierName: SEEDED_INVOICE.supplierName,
        totalInvoiceAmount: 11600, totalTaxableAmount: 10000, totalTaxAmount: 1600,
      },
    },
  }),
  "tcc.apply": async () => {
    const applicant = await stack.signIn(FOUR.msisdn);
    return {
      call: () => postJson(applicant, "/tcc-application", { reason_for_tcc: "TENDER" }),
      expected: { Status: "OK", Message: "TCC application submitted successfully", TCCNumber: expect.stringMatching(/^KRATCC/), TaxpayerName: FOUR.name },
    };
  },
  // ITR (issue 23): the simulator adds a national ID, internal notes and another number to each answer.
  "itr.filing-period": async () => ({
    call: () => buyer.api("GET", "/itr/filing-period"),
    expected: { description: "Successfully populated period", status: "OK", trpFromDate: text, trpToDate: text },
  }),
  "itr.employment-income": async () => {
    const row = { employerName: text, employerPin: text, grossPay: number, taxablePay: number, taxPayableOnTaxablePay: number, PAYEDeducted: number, pension: number };
    return {
      call: () => buyer.api("GET", `/itr/employment-income?return_year=${ITR_YEAR}`),
      expected: {
        DETAILS: [row, row], ahLevy: number, shiFund: number, pension: number, prmFund: number, insuranceRelief: number, mortgageInterest: number,
        totalGrossPay: number, totalTaxablePay: number, totalPAYEDeducted: number, totalTaxPayable: number, amountPayableOrRefuindable: number,
        personalRelief: 28_800, isPwd: "N", itExemptionCertDetails: [],
      },
    };
  },
  "itr.limits": async () => ({
    call: () => buyer.api("GET", "/itr/limits"),
    expected: { pension_limit: 360_000, prmf_limit: 180_000, mortgage_interest_limit: 360_000, insurance_relief_limit: 60_000, personal_relief: 28_800 },
  }),
  "itr.create": async () => {
    const taxpayer = await stack.signIn(TWO.msisdn);
    return {
      call: () => postJson(taxpayer, "/itr/returns", itrDraft),
      expected: { id: number, tax_due: "25000.0000", status: "pending", tax_return_ref: text },
    };
  },
  "itr.summary": async () => {
    const taxpayer = await stack.signIn(TWO.msisdn);
    const { id } = await (await postJson(taxpayer, "/itr/returns", itrDraft)).json();
    const figures = ["employment_income", "defined_pension_contribution", "shif_contribution", "hl_contribution", "pmf_contribution",
      "total_deduction", "net_taxable_income", "tax_on_taxable_income", "personal_relief", "insurance_relief", "mortgage_interest",
      "deposit_in_home_ownership_saving_plan", "allowable_tax_exemption_incase_of_person_with_disability",
      "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary", "income_tax_paid_in_advance", "tax_credits", "credits"];
    return {
      call: () => taxpayer.api("GET", `/itr/returns/${id}/summary`),
      expected: { ...Object.fromEntries(figures.map((figure) => [figure, text])), tax_due_refund_due: "25000.00" },
    };
  },
  "itr.file": async () => {
    const taxpayer = await stack.signIn(TWO.msisdn);
    const { id } = await (await postJson(taxpayer, "/itr/returns", itrDraft)).json();
    return { call: () => taxpayer.api("POST", `/itr/returns/${id}/file`), expected: { ack: text, message: text, tax_due: 25_000 } };
  },
  "invoice.pdf": async () => {
    const { invoice_pdf_url } = await newSale();
    return { call: () => buyer.api("GET", new URL(invoice_pdf_url).pathname, { headers: { accept: "application/pdf" } }), expected: PDF_BYTES };
  },
};

function expectNothingInternal(body: string): void {
  for (const secret of [INTERNAL_NOTE, INTERNAL_TOKEN, THIRD_PARTY_MSISDN, "internal_note", "service_token", "msisdn"]) {
    expect(body).not.toContain(secret);
  }
  expect(body).not.toMatch(/254\d{9}/);
}

describe("every rule answers only what its response policy lists", () => {
  it.each(proxyRules.map((rule) => [rule.id, rule.method, rule.path]))("%s (%s %s)", async (id) => {
    const makeCase = cases[id];
    if (!makeCase) expect.fail(`rule ${id} has no response-policy test: add one to this table`);
    const { call, expected } = await makeCase();
    const response = await call();
    expect(response.status).toBe(200);
    if (Buffer.isBuffer(expected)) {
      expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
      return;
    }
    const body = await response.text();
    expectNothingInternal(body);
    expect(JSON.parse(body)).toEqual(expected);
    // The shaped body's own length (workerd's local fetch may send it chunked instead).
    const length = response.headers.get("content-length");
    if (length !== null || onNode) expect(Number(length)).toBe(Buffer.byteLength(body));
  });
});

describe("business errors pass only their code and message", () => {
  it("a 422 loses the upstream's other fields", async () => {
    const response = await postJson(buyer, "/buyer-initiated/lookup", { pin_or_id: "A999999999Z" });
    expect(response.status).toBe(422);
    const body = await response.text();
    expectNothingInternal(body);
    expect(JSON.parse(body)).toEqual({ code: 4, message: "Invalid ID Number" });
  });

  it("the listing's empty 404 too", async () => {
    const response = await buyer.api("GET", "/buyer-initiated/fetch?status=rejected");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 19, message: "No Invoices Found" });
  });

  it("a 4xx without a numeric code is the upstream's own failure: 502", async () => {
    stack.upstream.addFault({ fault: { kind: "status", status: 404, body: '{"errors":{"detail":"Not Found","trace":"internal"}}' }, times: 1 });
    const response = await postJson(buyer, "/buyer-initiated/lookup", { pin_or_id: TEST_SELLER.pin });
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "upstream_error" });
    expect(body).not.toContain("internal");
  });
});

describe("a success body the policy does not describe is never passed on", () => {
  it.each([
    ["a field of the wrong type", '{"code":8,"message":"ok","invoice_no":{"internal_note":"x"}}'],
    ["not JSON at all", "invoice_no=KRASRN/1;internal_note=x"],
    ["a JSON array", '[{"internal_note":"x"}]'],
  ])("%s: 502, generic", async (_, body) => {
    stack.upstream.addFault({ fault: { kind: "status", status: 200, body }, times: 1 });
    const response = await postJson(buyer, "/post-sale", sale);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "upstream_error" });
    expect(text).not.toContain("internal");
  });
});

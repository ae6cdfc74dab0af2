import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import {
  fileReturnBody, fillingPeriodBody, liabilitiesBody, obligationsBody, paymentBody, prnBody, propertiesBody, returnsRefusalBody,
} from "../../server/shared/returns-answers";
import * as server from "../../server/shared/returns";
import * as browser from "../../server/shared/returns-read";
import { RETURNS_CHECKS, type ReturnsShapes } from "../../server/shared/returns-read";

// The pages read the returns answers with returns-read.ts's small checks, not zod (issue 22: zod was ~25 KB of
// the returns pages' script); the proxy applies the zod schemas of returns-answers.ts. One description of each
// shape is the schema: the checks must give its verdict on every answer below, and a page reading what the
// proxy sends must read what the server reads from the upstream's answer.

// Recorded answers (/work/shared/upstream/recorded: obligations_data_set.json, nil_mri_tot_curl_output.txt,
// nil_mri_tot_real_users_output.txt), then every documented form (UPSTREAM.md §7), each with all its fields.
const RECORDED: [keyof ReturnsShapes, unknown][] = [
  ["obligations", [
    { description: "Individual Income Tax - Resident (ITR)", kra_obligation_id: "2", name: "Individual Income Tax - Resident (ITR)" },
    { description: "MRI", kra_obligation_id: "33", name: "MRI" }, { description: "Turnover Tax", kra_obligation_id: "8", name: "Turnover Tax" },
    { description: "PAYE", kra_obligation_id: "6", name: "Income Tax - PAYE" },
  ]],
  ["fillingPeriod", { message: "Special Obligation cannot be Autopopulated" }],
  ["fillingPeriod", { message: "Invalid Obligation user not Registered for Obligation" }],
  ["fillingPeriod", { description: "Successfully populated period", responseCode: null, status: "OK", trpFromDate: "01/10/2025", trpToDate: "31/10/2025" }],
  ["fileReturn", { errors: { detail: "Internal Server Error" } }],
  ["refusal", { errors: { detail: "Internal Server Error" } }],
];
const liability = { TaxPeriodFrom: "01/09/2025", TaxPeriodTo: "30/09/2025", PrincipalAmount: 100, PenaltyAmount: "10", InterestAmount: 1, FineAmount: 0, TotalAmount: 111 };
const property = { Building: "Block A", LocalityStr: "Kilimani", PropertyRegId: "PRP1", UnitsEst: "4", lrNo: "NAIROBI/BLOCK1/1", LandlordPIN: "A000000003C" };
const refusal = { ErrorCode: "E1", Message: "Invalid", message: "No", errors: { detail: "d" }, Status: "NOK", code: 0 };
const FORMS: [keyof ReturnsShapes, unknown][] = [
  ["refusal", refusal],
  ["obligations", { obligations: [{ obligation_id: "8", id: 8, kra_obligation_id: "8", obligation_code: 8, obligation_name: "Turnover Tax", name: "TOT", obligation_short_name: "TOT", description: "Turnover" }] }],
  ["obligations", [{ id: 33, name: "MRI" }]],
  ["fillingPeriod", { status: "OK", periods: ["01/10/2025 - 31/10/2025"], description: "ok" }],
  ["fileReturn", { code: 1, success: true, response: { Status: "OK", ResponseCode: "87000", Message: "ok", AckNumber: "ACK1", PRN: "P1", TaxPayable: 1500 } }],
  ["fileReturn", { response: { ResponseCode: 88000, AckNumber: "ACK3", TaxPayable: "15.50" } }],
  ["fileReturn", { prn: "1120250000000001", tax_due: 15, total_tax: "15", total_amount: 15, kra_account_number: "K1", receipt_number: "R1" }],
  ["liabilities", { Status: "OK", ResponseCode: "30000", ResponseMsg: "ok", ObligationId: 8, LiabilitiesList: [liability, liability] }],
  ["liabilities", { ResponseCode: 30000, LiabilitiesList: null }],
  ["properties", { ResponseCode: "20000", ResponseMsg: "ok", PropertiesList: [property, { ...property, UnitsEst: 4 }] }],
  ["prn", { Status: "OK", ResponseCode: 50000, ResponseMsg: "ok", PaymentRegNo: "112025", prn: "112026", Amount: "1500" }],
  ["payment", { status: 200, desc: "ok", message: "sent" }],
  ["payment", { status: "200" }],
];

const SCHEMAS: Record<keyof ReturnsShapes, ZodType> = {
  refusal: returnsRefusalBody, obligations: obligationsBody, fillingPeriod: fillingPeriodBody, fileReturn: fileReturnBody,
  liabilities: liabilitiesBody, properties: propertiesBody, prn: prnBody, payment: paymentBody,
};

/** Values put in place of each field: wrong kinds, empties, and texts, numbers and lists at and past the limits. */
const PROBES: unknown[] = [
  null, undefined, true, 0, 1, 200, -1, 1.5, 2 ** 53, Number.MAX_VALUE, "", "OK", {}, [], [{}], { detail: 1 },
  ...[1, 10, 11, 20, 21, 30, 31, 40, 41, 60, 61, 100, 101, 200, 201, 1200].map((length) => "9".repeat(length)),
];

/** Every answer one change away: each field (at any depth) replaced by each probe, and each list grown past any limit. */
function* variants(value: unknown): Generator<unknown> {
  yield value;
  if (Array.isArray(value)) {
    for (const length of [24, 25, 100, 101, 200, 201, 500, 501]) yield Array.from({ length }, () => value[0] ?? "01/10/2025 - 31/10/2025");
    for (const [index, item] of value.slice(0, 2).entries()) {
      for (const changed of variants(item)) yield value.map((other, at) => (at === index ? changed : other));
    }
    return;
  }
  if (typeof value !== "object" || value === null) {
    yield* PROBES;
    return;
  }
  for (const [key, field] of Object.entries(value)) {
    for (const changed of variants(field)) yield { ...value, [key]: changed };
  }
}

const CASES = [...RECORDED, ...FORMS].flatMap(([shape, answer]) => [...variants(answer)].map((variant) => [shape, variant] as const));

describe("the browser's checks and the zod schemas", () => {
  it(`give the same verdict on ${CASES.length} answers (recorded, every form, and each one field changed)`, () => {
    const differ = CASES.filter(([shape, answer]) => RETURNS_CHECKS[shape](answer) !== SCHEMAS[shape].safeParse(answer).success);
    expect(differ.map(([shape, answer]) => `${shape} ${JSON.stringify(answer)?.slice(0, 160)}`)).toEqual([]);
    // Both verdicts occur: the variants reach every check's refusal.
    for (const shape of Object.keys(SCHEMAS) as (keyof ReturnsShapes)[]) {
      const verdicts = new Set(CASES.filter(([name]) => name === shape).map(([, answer]) => RETURNS_CHECKS[shape](answer)));
      expect([shape, [...verdicts].sort()]).toEqual([shape, [false, true]]);
    }
  });

  it("a page reads what the proxy sends as the server reads the upstream's answer", () => {
    const readers = ["refusalText", "filingSuccessForm", "readFiling", "readCalculation", "readObligations", "readPeriod",
      "readLiabilities", "readProperties", "readPrn", "readPayment"] as const;
    let compared = 0;
    for (const [shape, answer] of CASES) {
      const parsed = SCHEMAS[shape].safeParse(answer);
      // What the proxy sends: the answer as the rule's schema keeps it, as JSON (a refused answer is never sent).
      if (!parsed.success) continue;
      const sent: unknown = JSON.parse(JSON.stringify(parsed.data));
      for (const reader of readers) expect(browser[reader](sent), `${reader} ${JSON.stringify(answer)}`).toEqual(server[reader](answer));
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });
});

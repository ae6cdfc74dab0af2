// The one place the ITR answers' variants are read (issue 23; README: Upstream API, ITR): employer rows
// under `DETAILS[]`, `employment_income[]` or `data[]`, in KRA's camelCase or the snake_case of
// itr-create; amounts as numbers or strings; `amountPayableOrRefuindable` as KRA spells it.
// Each reader parses the answer with its schema (server/shared/itr-answers.ts, the same the proxy applies
// as the rule's response policy), then reads it; shared by the gateway, the UI and the tests.
import { EMPLOYER_LISTS, employmentBody, limitsBody, SUMMARY_LINES, summaryBody, type SummaryLine } from "./itr-answers";
import { num, parseWith, readPeriod, refusalText, str, type Outcome, type Period } from "./returns";

export { SUMMARY_LINES, type SummaryLine };
type Answer = Record<string, unknown>;
const record = (value: unknown): Answer => (value && typeof value === "object" && !Array.isArray(value) ? (value as Answer) : {});

// In itr-year.ts, which a page can import without these readers (and zod).
export { lastReturnYear } from "./itr-year";

/** The ITR filing period: one object as for other returns, or a list of them (the first is the earliest). */
export function readItrPeriod(answer: unknown): Outcome<Period> {
  return readPeriod(Array.isArray(answer) ? answer[0] : answer);
}

export interface Employer {
  name: string; pin: string; grossPay: number; taxablePay: number; taxPayable: number; paye: number; pension: number;
}

export interface Employment {
  employers: Employer[];
  totals: { grossPay: number; taxablePay: number; paye: number };
  /** The upstream's own figures for the deductions step: `pension`, `shiFund`, `ahLevy`, `prmFund`. */
  prefill: { pension: number; shif: number; housingLevy: number; prmf: number };
  certificates: { certNo: string; effectiveDate: string; expiryDate: string }[];
  isPwd: boolean;
  personalRelief?: number;
  amountPayableOrRefundable?: number;
}

export function readEmployment(answer: unknown): Outcome<Employment> {
  const body: Answer = parseWith(employmentBody, answer);
  const list = EMPLOYER_LISTS.map((key) => body[key]).find(Array.isArray);
  if (!list) return { ok: false, message: refusalText(answer) };
  const rows = list.map(record).map(readEmployer);
  if (!rows.every((row) => row !== undefined)) return { ok: false };
  const employers = rows as Employer[];
  const sum = (pick: (employer: Employer) => number) => round2(employers.reduce((total, employer) => total + pick(employer), 0));
  return {
    ok: true,
    value: {
      employers,
      totals: {
        grossPay: num(body.totalGrossPay) ?? sum((e) => e.grossPay),
        taxablePay: num(body.totalTaxablePay) ?? sum((e) => e.taxablePay),
        paye: num(body.totalPAYEDeducted) ?? sum((e) => e.paye),
      },
      prefill: { pension: num(body.pension) ?? 0, shif: num(body.shiFund) ?? 0, housingLevy: num(body.ahLevy) ?? 0, prmf: num(body.prmFund) ?? 0 },
      certificates: (Array.isArray(body.itExemptionCertDetails) ? body.itExemptionCertDetails : []).map(record).map((cert) => ({
        certNo: str(cert.exemptionCertNo) ?? str(cert.certNo) ?? "",
        effectiveDate: str(cert.certEffectiveDate) ?? str(cert.effectiveDate) ?? "",
        expiryDate: str(cert.certExpiryDate) ?? str(cert.expiryDate) ?? "",
      })).filter((cert) => cert.certNo !== ""),
      isPwd: body.isPwd === "Y",
      personalRelief: num(body.personalRelief),
      amountPayableOrRefundable: num(body.amountPayableOrRefuindable) ?? num(body.amountPayableOrRefundable),
    },
  };
}

/** A row without its employer's PIN or one of its figures is no row to file: the whole answer is refused. */
function readEmployer(row: Answer): Employer | undefined {
  const name = str(row.employerName) ?? str(row.employer_name) ?? "";
  const employer = {
    pin: str(row.employerPin) ?? str(row.employer_pin),
    grossPay: num(row.grossPay) ?? num(row.gross_pay),
    taxablePay: num(row.taxablePay) ?? num(row.taxable_salary),
    taxPayable: num(row.taxPayableOnTaxablePay) ?? num(row.tax_payable_on_taxable_salary),
    paye: num(row.PAYEDeducted) ?? num(row.amount_of_tax_deducted_paye),
    pension: num(row.pension),
  };
  return Object.values(employer).every((value) => value !== undefined && value !== "") ? ({ name, ...employer } as Employer) : undefined;
}

const round2 = (amount: number) => Math.round(amount * 100) / 100;

export interface ItrSummary { lines: Partial<Record<SummaryLine, number>>; taxDue: number }

/** `itr-summary/{id}`: flat, mostly strings; `tax_due_refund_due` is negative for a refund. */
export function readItrSummary(answer: unknown): Outcome<ItrSummary> {
  const body: Answer = parseWith(summaryBody, answer);
  const taxDue = num(body.tax_due_refund_due);
  if (taxDue === undefined) return { ok: false, message: refusalText(answer) };
  const lines: Partial<Record<SummaryLine, number>> = {};
  for (const line of SUMMARY_LINES) {
    const value = num(body[line]);
    if (value !== undefined) lines[line] = value;
  }
  return { ok: true, value: { lines, taxDue } };
}

export type ItrResult = { kind: "owe"; amount: number } | { kind: "refund"; amount: number } | { kind: "nothing" };

/** One sentence's worth: below half a cent either way is nothing to pay. */
export function itrResult(taxDue: number): ItrResult {
  if (taxDue >= 0.005) return { kind: "owe", amount: round2(taxDue) };
  if (taxDue <= -0.005) return { kind: "refund", amount: round2(-taxDue) };
  return { kind: "nothing" };
}

export interface ItrLimits { pension?: number; prmf?: number; mortgageInterest?: number; insuranceRelief?: number }

/** `settings/itr/config`: each yearly limit the upstream gives (none is required). */
export function readItrLimits(answer: unknown): ItrLimits {
  const body: Answer = parseWith(limitsBody, answer);
  return {
    pension: num(body.pension_limit), prmf: num(body.prmf_limit), mortgageInterest: num(body.mortgage_interest_limit),
    insuranceRelief: num(body.insurance_relief_limit),
  };
}

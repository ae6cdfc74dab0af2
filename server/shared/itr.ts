// The one place the ITR answers' variants are read (issue 23; README: Upstream API, ITR): employer rows
// under `DETAILS[]`, `employment_income[]` or `data[]`, in KRA's camelCase or the snake_case of
// itr-create; amounts as numbers or strings; `amountPayableOrRefuindable` as KRA spells it.
// Pure functions over what the response policies keep; shared by the gateway, the UI and the tests.
import { readPeriod, refusalText, type Outcome, type Period } from "./returns";

type Answer = Record<string, unknown>;
const record = (value: unknown): Answer => (value && typeof value === "object" && !Array.isArray(value) ? (value as Answer) : {});
const str = (value: unknown): string | undefined =>
  (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined);
/** A KES amount from a number or a numeric string ("1200.0000"); undefined otherwise. */
export const kes = (value: unknown): number | undefined => {
  const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** The last year a return can be filed for: the one that ended. */
export const lastReturnYear = (now = new Date()) => now.getUTCFullYear() - 1;

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

/** Where the rows are: `DETAILS`, `employment_income` or `data` (the first that is a list). */
export const EMPLOYER_LISTS = ["DETAILS", "employment_income", "data"] as const;

export function readEmployment(answer: unknown): Outcome<Employment> {
  const body = record(answer);
  const list = EMPLOYER_LISTS.map((key) => body[key]).find(Array.isArray);
  if (!list) return { ok: false, message: refusalText(answer) };
  const employers = list.map(record).map(readEmployer);
  const sum = (pick: (employer: Employer) => number) => round2(employers.reduce((total, employer) => total + pick(employer), 0));
  return {
    ok: true,
    value: {
      employers,
      totals: {
        grossPay: kes(body.totalGrossPay) ?? sum((e) => e.grossPay),
        taxablePay: kes(body.totalTaxablePay) ?? sum((e) => e.taxablePay),
        paye: kes(body.totalPAYEDeducted) ?? sum((e) => e.paye),
      },
      prefill: { pension: kes(body.pension) ?? 0, shif: kes(body.shiFund) ?? 0, housingLevy: kes(body.ahLevy) ?? 0, prmf: kes(body.prmFund) ?? 0 },
      certificates: (Array.isArray(body.itExemptionCertDetails) ? body.itExemptionCertDetails : []).map(record).map((cert) => ({
        certNo: str(cert.exemptionCertNo) ?? str(cert.certNo) ?? "",
        effectiveDate: str(cert.certEffectiveDate) ?? str(cert.effectiveDate) ?? "",
        expiryDate: str(cert.certExpiryDate) ?? str(cert.expiryDate) ?? "",
      })).filter((cert) => cert.certNo !== ""),
      isPwd: body.isPwd === "Y",
      personalRelief: kes(body.personalRelief),
      amountPayableOrRefundable: kes(body.amountPayableOrRefuindable) ?? kes(body.amountPayableOrRefundable),
    },
  };
}

function readEmployer(row: Answer): Employer {
  return {
    name: str(row.employerName) ?? str(row.employer_name) ?? "",
    pin: str(row.employerPin) ?? str(row.employer_pin) ?? "",
    grossPay: kes(row.grossPay) ?? kes(row.gross_pay) ?? 0,
    taxablePay: kes(row.taxablePay) ?? kes(row.taxable_salary) ?? 0,
    taxPayable: kes(row.taxPayableOnTaxablePay) ?? kes(row.tax_payable_on_taxable_salary) ?? 0,
    paye: kes(row.PAYEDeducted) ?? kes(row.amount_of_tax_deducted_paye) ?? 0,
    pension: kes(row.pension) ?? 0,
  };
}

const round2 = (amount: number) => Math.round(amount * 100) / 100;

/** The summary's lines, in the order the page shows them (KRA's names). */
export const SUMMARY_LINES = [
  "employment_income", "defined_pension_contribution", "shif_contribution", "hl_contribution", "pmf_contribution",
  "total_deduction", "net_taxable_income", "tax_on_taxable_income", "personal_relief", "insurance_relief", "mortgage_interest",
  "deposit_in_home_ownership_saving_plan", "allowable_tax_exemption_incase_of_person_with_disability",
  "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary", "income_tax_paid_in_advance", "tax_credits",
  "credits", "tax_due_refund_due",
] as const;
export type SummaryLine = (typeof SUMMARY_LINES)[number];

export interface ItrSummary { lines: Partial<Record<SummaryLine, number>>; taxDue: number }

/** `itr-summary/{id}`: flat, mostly strings; `tax_due_refund_due` is negative for a refund. */
export function readItrSummary(answer: unknown): Outcome<ItrSummary> {
  const body = record(answer);
  const taxDue = kes(body.tax_due_refund_due);
  if (taxDue === undefined) return { ok: false, message: refusalText(answer) };
  const lines: Partial<Record<SummaryLine, number>> = {};
  for (const line of SUMMARY_LINES) {
    const value = kes(body[line]);
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
  const body = record(answer);
  return {
    pension: kes(body.pension_limit), prmf: kes(body.prmf_limit), mortgageInterest: kes(body.mortgage_interest_limit),
    insuranceRelief: kes(body.insurance_relief_limit),
  };
}

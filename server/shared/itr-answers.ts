import { z } from "zod";
import { upstreamText } from "./upstream-text";
import { fillingPeriodBody, many, money, returnsJson, returnsRefusalBody, text } from "./returns-answers";

// The ITR answers, described once (issue 23; README: Upstream API, ITR), as the returns answers are in
// returns-answers.ts: each keeps the fields server/shared/itr.ts reads and drops the rest (internal notes,
// tokens, the taxpayer's national ID and own PIN, other numbers). The proxy applies them as the rules'
// response policies (server/proxy/policies/itr.ts); the readers parse with them, on the server and in the UI.
const maybeMoney = money.nullish();

/** One object as for other returns, or a list of them. */
export const itrPeriodBody = z.union([many(fillingPeriodBody, 5), fillingPeriodBody]);

/** Where the employer rows are: `DETAILS`, `employment_income` or `data` (the first that is a list). */
export const EMPLOYER_LISTS = ["DETAILS", "employment_income", "data"] as const;

/** An employer row in KRA's camelCase (`DETAILS`) or itr-create's snake_case (`employment_income`). */
const employerRow = z.object({
  employerName: text(200).nullish(), employerPin: text(20).nullish(), grossPay: maybeMoney, taxablePay: maybeMoney,
  taxPayableOnTaxablePay: maybeMoney, PAYEDeducted: maybeMoney, pension: maybeMoney,
  employer_name: text(200).nullish(), employer_pin: text(20).nullish(), gross_pay: maybeMoney, taxable_salary: maybeMoney,
  tax_payable_on_taxable_salary: maybeMoney, amount_of_tax_deducted_paye: maybeMoney,
});
const certificate = z.object({
  exemptionCertNo: text(40).nullish(), certNo: text(40).nullish(),
  certEffectiveDate: text(30).nullish(), effectiveDate: text(30).nullish(),
  certExpiryDate: text(30).nullish(), expiryDate: text(30).nullish(),
});
const TOP_LEVEL_FIGURES = [
  "ahLevy", "shiFund", "pension", "prmFund", "insuranceRelief", "mortgageInterest", "totalGrossPay", "totalTaxablePay",
  "totalPAYEDeducted", "totalTaxPayable", "amountPayableOrRefuindable", "amountPayableOrRefundable", "personalRelief",
] as const;

export const employmentBody = returnsJson({
  ...Object.fromEntries(EMPLOYER_LISTS.map((key) => [key, many(employerRow, 20).nullish()])),
  ...Object.fromEntries(TOP_LEVEL_FIGURES.map((key) => [key, maybeMoney])),
  isPwd: text(1).nullish(),
  itExemptionCertDetails: many(certificate, 10).nullish(),
});

/** The draft's identity as itr-create gives it: `tax_return_id` or `id`, and the ids `tax-return-itr` is keyed by. */
const returnId = z.union([z.number().int().safe().nonnegative(), z.string().regex(/^[A-Za-z0-9-]{1,40}$/)]);
export const createdBody = z.object({
  tax_return_id: returnId.nullish(),
  id: returnId.nullish(),
  tax_payer_id: z.union([z.number().int().safe(), text(40)]).nullish(),
  tax_obligation_id: z.union([z.number().int().safe(), text(40)]).nullish(),
  tax_due: money,
  status: text(20).nullish(),
  tax_return_ref: text(60).nullish(),
});

/** The summary's lines, in the order the page shows them (KRA's names). */
export const SUMMARY_LINES = [
  "employment_income", "defined_pension_contribution", "shif_contribution", "hl_contribution", "pmf_contribution",
  "total_deduction", "net_taxable_income", "tax_on_taxable_income", "personal_relief", "insurance_relief", "mortgage_interest",
  "deposit_in_home_ownership_saving_plan", "allowable_tax_exemption_incase_of_person_with_disability",
  "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary", "income_tax_paid_in_advance", "tax_credits",
  "credits", "tax_due_refund_due",
] as const;
export type SummaryLine = (typeof SUMMARY_LINES)[number];

/** `itr-summary/{id}`: flat, mostly strings; `tax_due_refund_due` is negative for a refund. */
export const summaryBody = returnsJson(Object.fromEntries(SUMMARY_LINES.map((line) => [line, maybeMoney])));

/** `A/settings/itr/config`: KRA's yearly limits, as numbers or numeric strings (the simulator's names; no live answer is recorded). */
export const ITR_LIMIT_FIELDS = ["pension_limit", "prmf_limit", "mortgage_interest_limit", "insurance_relief_limit", "personal_relief"] as const;
export const limitsBody = returnsJson(Object.fromEntries(ITR_LIMIT_FIELDS.map((field) => [field, maybeMoney])));

/** The gateway's own answer to `POST /api/itr/returns`: exactly these. */
export const itrCreatedAnswer = z.object({ id: returnId, tax_due: money, status: text(20).nullish(), tax_return_ref: text(60).nullish() });

/** The gateway's own answer to `POST /api/itr/returns/{id}/file`: exactly these. */
export const itrFiledAnswer = z.object({ ack: text(100).optional(), message: upstreamText().optional(), tax_due: z.number().finite() });

export { returnsRefusalBody as itrRefusalBody };

import { z } from "zod";
import { EMPLOYER_LISTS, SUMMARY_LINES } from "../../shared/itr";
import { fillingPeriodAnswer, returnsRefusal, type ResponsePolicy } from "../../utils/proxy-responses";
import { upstreamText } from "../../utils/upstream-text";

// What of the ITR answers reaches the browser (issue 23; README: Upstream API, ITR). Each keeps the fields
// server/shared/itr.ts reads and drops the rest: internal notes, tokens, the taxpayer's national ID
// and own PIN, other numbers. Refusals keep only the returns refusal forms (§7.4).

const text = (max: number) => z.string().max(max);
const money = z.union([z.number().finite(), z.string().max(30)]);
const maybeMoney = money.nullish();
/** The returns refusal forms: `ErrorCode`, `Message`, `message`, `errors.detail` (and `Status`, `code`). */
export const itrRefusal = z.object(returnsRefusal);

/** One object as for other returns, or a list of them. */
export const itrPeriodAnswer: ResponsePolicy = fillingPeriodAnswer.kind === "json"
  ? { kind: "json", schema: z.union([z.array(fillingPeriodAnswer.schema).max(5), fillingPeriodAnswer.schema]), errors: itrRefusal }
  : fillingPeriodAnswer;

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

export const employmentSchema = z.object({
  ...itrRefusal.shape,
  ...Object.fromEntries(EMPLOYER_LISTS.map((key) => [key, z.array(employerRow).max(20).nullish()])),
  ...Object.fromEntries(TOP_LEVEL_FIGURES.map((key) => [key, maybeMoney])),
  isPwd: text(1).nullish(),
  itExemptionCertDetails: z.array(certificate).max(10).nullish(),
});
export const employmentAnswer: ResponsePolicy = { kind: "json", schema: employmentSchema, errors: itrRefusal };

/** The draft's identity as itr-create gives it: `tax_return_id` or `id`, and the ids `tax-return-itr` is keyed by. */
const returnId = z.union([z.number().int().nonnegative(), z.string().regex(/^[A-Za-z0-9-]{1,40}$/)]);
export const createdSchema = z.object({
  tax_return_id: returnId.nullish(),
  id: returnId.nullish(),
  tax_payer_id: z.union([z.number().int(), text(40)]).nullish(),
  tax_obligation_id: z.union([z.number().int(), text(40)]).nullish(),
  tax_due: money,
  status: text(20).nullish(),
  tax_return_ref: text(60).nullish(),
});

/** `POST /api/itr/returns` answers exactly these. */
export const createdAnswer = z.object({ id: returnId, tax_due: money, status: text(20).nullish(), tax_return_ref: text(60).nullish() });
export const createdPolicy: ResponsePolicy = { kind: "json", schema: createdAnswer, errors: itrRefusal };

export const summarySchema = z.object({
  ...itrRefusal.shape,
  ...Object.fromEntries(SUMMARY_LINES.map((line) => [line, maybeMoney])),
});
export const summaryAnswer: ResponsePolicy = { kind: "json", schema: summarySchema, errors: itrRefusal };

/** `POST /api/itr/returns/{id}/file` answers exactly these. */
export const filedAnswer = z.object({ ack: text(100).optional(), message: upstreamText().optional(), tax_due: z.number().finite() });
export const filedPolicy: ResponsePolicy = { kind: "json", schema: filedAnswer, errors: itrRefusal };

/** `A/settings/itr/config`: KRA's yearly limits, as numbers or numeric strings (the simulator's names; no live answer is recorded). */
export const ITR_LIMIT_FIELDS = ["pension_limit", "prmf_limit", "mortgage_interest_limit", "insurance_relief_limit", "personal_relief"] as const;
export const limitsSchema = z.object({ ...itrRefusal.shape, ...Object.fromEntries(ITR_LIMIT_FIELDS.map((field) => [field, maybeMoney])) });
export const limitsAnswer: ResponsePolicy = { kind: "json", schema: limitsSchema, errors: itrRefusal };

import { z } from "zod";
import type { RequestContext } from "./context";
import { withInternals } from "./internals";
import { nairobiToday } from "./kra-dates";
import { fillingPeriod } from "./obligations";
import { internalServerError, jsonReply, notFound, type Reply } from "./reply";
import { forcedRefusal, INVALID_PIN, NOT_REGISTERED_FOR_OBLIGATION, refusal } from "./refusals";
import { ITR_LIMITS, ITR_NATIONAL_ID, ITR_PROFILES, type EmployerRecord, type ItrProfile } from "./itr-fixtures";
import { OBLIGATION } from "./returns-fixtures";
import type { UpstreamState } from "./state";

// The ITR endpoints on the iTax base (UPSTREAM.md rows 24, 33–38, §7.12), in every documented variant:
// employer rows under DETAILS[], employment_income[] or data[]; amounts as numbers or strings;
// `amountPayableOrRefuindable` as KRA spells it. Every answer carries the internal fields and the
// taxpayer's national ID, which the gateway must drop. Like KRA (as far as anyone knows), summary
// and filing answer for any draft id, whoever asks: only the gateway ties an id to its session.

const round2 = (amount: number) => Math.round(amount * 100) / 100;
const fixed = (amount: number, digits = 2) => amount.toFixed(digits);
const withId = <T extends object>(value: T) => withInternals({ ...value, national_id: ITR_NATIONAL_ID });
const itrReply = (value: object) => jsonReply(200, withId(value));

/** Kenya's annual PAYE bands (2023 on). */
const BANDS: [number, number][] = [[288_000, 0.1], [100_000, 0.25], [5_612_000, 0.3], [3_600_000, 0.325], [Infinity, 0.35]];

function bandTax(income: number): number {
  let rest = Math.max(0, income);
  let tax = 0;
  for (const [width, rate] of BANDS) {
    const part = Math.min(rest, width);
    tax += part * rate;
    rest -= part;
  }
  return round2(tax);
}

interface Declared { pension: number; shif: number; hl: number; pmf: number; premiums: number; mortgageInterest: number; disability: boolean }

export type ItrComputation = Record<(typeof SUMMARY_FIELDS)[number], number>;
const SUMMARY_FIELDS = [
  "employment_income", "defined_pension_contribution", "shif_contribution", "hl_contribution", "pmf_contribution", "total_deduction",
  "net_taxable_income", "tax_on_taxable_income", "personal_relief", "insurance_relief", "mortgage_interest",
  "deposit_in_home_ownership_saving_plan", "allowable_tax_exemption_incase_of_person_with_disability",
  "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary", "income_tax_paid_in_advance", "tax_credits", "credits",
  "tax_due_refund_due",
] as const;

/** The return as KRA would compute it: deductions within their limits, the bands, the reliefs, less PAYE. */
function compute(employers: EmployerRecord[], declared: Declared): ItrComputation {
  const income = round2(employers.reduce((sum, e) => sum + e.grossPay, 0));
  const pension = Math.min(declared.pension, ITR_LIMITS.pension);
  const pmf = Math.min(declared.pmf, ITR_LIMITS.prmf);
  const mortgage = Math.min(declared.mortgageInterest, ITR_LIMITS.mortgageInterest);
  const deductions = round2(pension + declared.shif + declared.hl + pmf + mortgage);
  const net = round2(Math.max(0, income - deductions));
  const exemption = declared.disability ? Math.min(net, ITR_LIMITS.disabilityExemption) : 0;
  const tax = bandTax(net - exemption);
  const insurance = round2(Math.min(declared.premiums * 0.15, ITR_LIMITS.insuranceRelief));
  const payable = round2(Math.max(0, tax - ITR_LIMITS.personalRelief - insurance));
  const paye = round2(employers.reduce((sum, e) => sum + e.paye, 0));
  return {
    employment_income: income, defined_pension_contribution: pension, shif_contribution: declared.shif, hl_contribution: declared.hl,
    pmf_contribution: pmf, total_deduction: deductions, net_taxable_income: net, tax_on_taxable_income: tax,
    personal_relief: ITR_LIMITS.personalRelief, insurance_relief: insurance, mortgage_interest: mortgage,
    deposit_in_home_ownership_saving_plan: 0, allowable_tax_exemption_incase_of_person_with_disability: exemption,
    total_of_tax_payable_less_reliefs_and_exemptions: payable, paye_deducted_from_salary: paye, income_tax_paid_in_advance: 0,
    tax_credits: paye, credits: paye, tax_due_refund_due: round2(payable - paye),
  };
}

const prefilled = (profile: ItrProfile): Declared => ({
  pension: profile.prefill.pension, shif: profile.prefill.shif, hl: profile.prefill.housingLevy, pmf: profile.prefill.prmf,
  premiums: 0, mortgageInterest: 0, disability: false,
});

/** The employers with the PAYE they deducted: the tax on the pre-filled return plus `payeOverTax`, shared by gross pay. */
export function employersOf(profile: ItrProfile): EmployerRecord[] {
  const total = compute(profile.employers, prefilled(profile)).total_of_tax_payable_less_reliefs_and_exemptions + profile.payeOverTax;
  const gross = profile.employers.reduce((sum, e) => sum + e.grossPay, 0);
  let left = round2(total);
  return profile.employers.map((e, i) => {
    const paye = i === profile.employers.length - 1 ? left : round2((total * e.grossPay) / gross);
    left = round2(left - paye);
    return { ...e, paye };
  });
}

/** The tax each employer's pay bears on its own (shown per row): the same share of the year's tax. */
function taxShare(employers: EmployerRecord[], employer: EmployerRecord, profile: ItrProfile): number {
  const payable = compute(employers, prefilled(profile)).total_of_tax_payable_less_reliefs_and_exemptions;
  const gross = employers.reduce((sum, e) => sum + e.grossPay, 0);
  return gross === 0 ? 0 : round2((payable * employer.grossPay) / gross);
}

/** A profile for an ITR taxpayer; a PIN without one (registered at run time) has no employers. */
function profileFor(state: UpstreamState, pin: unknown): { pin: string; profile: ItrProfile } | { problem: string } {
  const found = state.taxpayers.findByPin(pin);
  if (!found) return { problem: INVALID_PIN };
  if (!found.profile.obligations.includes(OBLIGATION.ITR)) return { problem: NOT_REGISTERED_FOR_OBLIGATION };
  const profile = ITR_PROFILES[found.party.pin] ?? { ...ITR_PROFILES.A000000004D };
  return { pin: found.party.pin, profile };
}

const pastYear = (year: unknown) => /^\d{4}$/.test(String(year)) && Number(year) < nairobiToday().year && Number(year) >= 2015;

/** GET A/obligation-filling-period (row 24): the §7.3 fields as a query; an object, or a list of them. */
export function itrFillingPeriod(context: RequestContext): Reply {
  const rule = context.state.forms.take("itr-filing-period", context.query.pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const reply = fillingPeriod({ ...context, body: context.query });
  if (reply.status >= 500) return reply;
  const value = withId(JSON.parse(reply.body.toString()) as object);
  return jsonReply(reply.status, rule?.success === "array" && reply.status === 200 ? [value] : value);
}

/** GET A/tax-return/itr-employment-details?employee_pin=&return_year=&tax_code=2 */
export function employmentDetails({ query, state }: RequestContext): Reply {
  if (!query.employee_pin || !query.return_year || !query.tax_code) return internalServerError();
  const rule = state.forms.take("itr-employment-details", query.employee_pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const found = profileFor(state, query.employee_pin);
  if ("problem" in found) return refusal("message", found.problem);
  if (query.tax_code !== "2" || !pastYear(query.return_year)) return refusal("message", "Invalid return year or tax code");
  return itrReply(employmentBody(found.profile, rule?.success ?? "DETAILS"));
}

// `no-employer-pin` and `no-paye`: KRA's rows with a field missing, which the gateway must not fill in.
type EmploymentForm = "DETAILS" | "employment_income" | "data" | "string-amounts" | "no-employer-pin" | "no-paye";

function employmentBody(profile: ItrProfile, form: EmploymentForm): object {
  const employers = employersOf(profile);
  const amount = (value: number) => (form === "string-amounts" ? fixed(value) : value);
  const computed = compute(employers, prefilled(profile));
  const rows = employers.map((e) => form === "employment_income"
    ? {
      employer_name: e.name, employer_pin: e.pin, gross_pay: e.grossPay, pension: e.pension, taxable_salary: e.grossPay - e.pension,
      tax_payable_on_taxable_salary: taxShare(employers, e, profile), amount_of_tax_deducted_paye: e.paye, employee_id_number: ITR_NATIONAL_ID,
    }
    : {
      employerName: e.name, employerPin: e.pin, grossPay: amount(e.grossPay), taxablePay: amount(e.grossPay - e.pension),
      taxPayableOnTaxablePay: amount(taxShare(employers, e, profile)), PAYEDeducted: amount(e.paye), pension: amount(e.pension),
      employeeIdNumber: ITR_NATIONAL_ID,
    });
  if (form === "no-employer-pin") for (const row of rows) delete (row as { employerPin?: string }).employerPin;
  if (form === "no-paye") for (const row of rows) delete (row as { PAYEDeducted?: number }).PAYEDeducted;
  const list = form === "DETAILS" || form === "employment_income" || form === "data" ? form : "DETAILS";
  return {
    [list]: rows,
    ahLevy: amount(profile.prefill.housingLevy), shiFund: amount(profile.prefill.shif), pension: amount(profile.prefill.pension),
    prmFund: amount(profile.prefill.prmf), insuranceRelief: amount(0), mortgageInterest: amount(0),
    totalGrossPay: amount(computed.employment_income), totalTaxablePay: amount(round2(employers.reduce((s, e) => s + e.grossPay - e.pension, 0))),
    totalPAYEDeducted: amount(computed.paye_deducted_from_salary), totalTaxPayable: amount(computed.total_of_tax_payable_less_reliefs_and_exemptions),
    amountPayableOrRefuindable: amount(computed.tax_due_refund_due), personalRelief: amount(ITR_LIMITS.personalRelief),
    isPwd: profile.isPwd ? "Y" : "N",
    itExemptionCertDetails: profile.certificates.map((c) => ({ exemptionCertNo: c.certNo, certEffectiveDate: c.effectiveDate, certExpiryDate: c.expiryDate })),
  };
}

const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const row = z.object({ employer_pin: z.string(), gross_pay: money, amount_of_tax_deducted_paye: money }).passthrough();
const createBody = z.object({
  pin: z.string(), period: z.string(), return_type: z.string(),
  pension_contribution: money, shif_contribution: money, hl_contribution: money, pmf_contribution: money,
  insurance_policy: z.array(z.object({ pin: z.string(), annual_premium_paid: money }).passthrough()),
  disability_certificate: z.array(z.object({ cert_no: z.string() }).passthrough()),
  employment_income: z.array(row),
  mortgage: z.array(z.object({ pin_of_lender: z.string(), interest_amount_paid: money }).passthrough()).optional(),
});

/** One draft itr-create made. */
export interface ItrDraftRecord { id: number; pin: string; year: number; computed: ItrComputation; taxPayerId: number }

/** POST A/tax-return/itr-create: the employer rows must be KRA's own; the return is computed here. */
export function createItr({ body, state }: RequestContext): Reply {
  const parsed = createBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const data = parsed.data;
  const rule = state.forms.take("itr-create", data.pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const found = profileFor(state, data.pin);
  if ("problem" in found) return refusal("ErrorCode", found.problem);
  const year = /^01\/01\/(\d{4}) - 31\/12\/\1$/.exec(data.period);
  if (data.return_type !== "normal" || !year || !pastYear(year[1])) return refusal("ErrorCode", "Invalid return period or type");
  if (found.profile.refusal) return refusal("ErrorCode", found.profile.refusal);
  const employers = employersOf(found.profile);
  if (!sameRows(employers, data.employment_income)) return refusal("ErrorCode", "Employment income does not match your employers' returns");
  const computed = compute(employers, {
    pension: data.pension_contribution, shif: data.shif_contribution, hl: data.hl_contribution, pmf: data.pmf_contribution,
    premiums: data.insurance_policy.reduce((sum, p) => sum + p.annual_premium_paid, 0),
    mortgageInterest: (data.mortgage ?? []).reduce((sum, m) => sum + m.interest_amount_paid, 0),
    disability: found.profile.isPwd && data.disability_certificate.length > 0,
  });
  const draft = state.itr.add(found.pin, Number(year[1]), computed);
  return itrReply(draftBody(draft, data, rule?.success ?? "id"));
}

function sameRows(employers: EmployerRecord[], rows: z.output<typeof row>[]): boolean {
  if (rows.length !== employers.length) return false;
  return employers.every((e) => rows.some((r) => r.employer_pin === e.pin && r.gross_pay === e.grossPay && r.amount_of_tax_deducted_paye === e.paye));
}

function draftBody(draft: ItrDraftRecord, data: z.output<typeof createBody>, form: "id" | "tax_return_id"): object {
  return {
    ...(form === "id" ? { id: draft.id } : { tax_return_id: draft.id }),
    tax_payer_id: draft.taxPayerId, tax_obligation_id: 2, status: "pending", tax_return_ref: `TRX-${String(draft.id).padStart(8, "0")}`,
    kra_account_number: `KRA${draft.taxPayerId}`, pension_contribution: fixed(data.pension_contribution),
    shif_contribution: fixed(data.shif_contribution), hl_contribution: fixed(data.hl_contribution), pmf_contribution: fixed(data.pmf_contribution),
    tax_due: fixed(draft.computed.tax_due_refund_due, 4), meta_data: { return_year: draft.year, national_id: ITR_NATIONAL_ID },
    mortgage: (data.mortgage ?? []).map((m) => ({ ...m, valid_pin: true })), insurance_policy: data.insurance_policy.map((p) => ({ ...p, valid_pin: true })),
    car_benefit: [], disability_certificate: data.disability_certificate, advance_tax: [], home_ownership: [], self_assessment_tax: [],
    employment_income: data.employment_income.map((r) => ({ ...r, valid_pin: true })),
    response: { AckNumber: null, Message: "Draft saved", ResponseCode: "", Status: "OK" },
  };
}

/** GET A/tax-return/itr-summary/{id}: flat, mostly strings. */
export function itrSummary({ params, state }: RequestContext): Reply {
  const draft = state.itr.find(params[0]);
  if (!draft) return notFound();
  const rule = state.forms.take("itr-summary", draft.pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const strings = (rule?.success ?? "strings") !== "numbers";
  const fields = SUMMARY_FIELDS.filter((field) => rule?.success !== "no-personal-relief" || field !== "personal_relief");
  return itrReply(Object.fromEntries(fields.map((field) => [field, strings ? fixed(draft.computed[field]) : draft.computed[field]])));
}

const fileBody = z.object({
  tax_return_id: z.union([z.string(), z.number()]).transform(String), obligation_id: z.literal("2"), returnType: z.literal("normal"),
  returnPeriod: z.string(), taxable_amount: money, tax_due: money, currency: z.literal("KES"),
  meta_data: z.object({ employee_pin: z.string(), return_year: z.union([z.string(), z.number()]), employment_income: z.array(row) }).passthrough(),
});
const FILED = "Income tax return filed successfully";

/** POST A/tax-return/create: the figures must be the draft's own; a year is filed once. */
export function fileItr({ body, state }: RequestContext): Reply {
  const parsed = fileBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const data = parsed.data;
  const draft = state.itr.find(data.tax_return_id);
  if (!draft) return refusal("ErrorCode", "Tax return not found");
  const rule = state.forms.take("itr-file", draft.pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const { computed } = draft;
  if (data.tax_due !== computed.tax_due_refund_due || data.taxable_amount !== computed.net_taxable_income || data.meta_data.employee_pin !== draft.pin) {
    return refusal("ErrorCode", "The figures do not match the computed return");
  }
  const from = { year: draft.year, month: 1, day: 1 };
  if (state.returns.isFiled(draft.pin, OBLIGATION.ITR, from)) return refusal("ErrorCode", `Return for the period 01/01/${draft.year} - 31/12/${draft.year} has already been filed`);
  const ack = state.returns.file(draft.pin, OBLIGATION.ITR, from);
  switch (rule?.success ?? "status-ok") {
    case "code-1": return itrReply({ code: 1, message: FILED, receipt_number: ack });
    case "success": return itrReply({ success: true, message: FILED, receipt_number: ack });
    default: return itrReply({ response: { Status: "OK", Message: FILED, AckNumber: ack } });
  }
}

/** GET A/settings/itr/config: the yearly limits. */
export function itrConfig(): Reply {
  return itrReply({
    pension_limit: ITR_LIMITS.pension, prmf_limit: ITR_LIMITS.prmf, mortgage_interest_limit: ITR_LIMITS.mortgageInterest,
    insurance_relief_limit: ITR_LIMITS.insuranceRelief, personal_relief: ITR_LIMITS.personalRelief,
  });
}

/** The drafts of one simulated upstream. */
export class ItrBook {
  private readonly drafts = new Map<string, ItrDraftRecord>();
  private serial = 4100;

  add(pin: string, year: number, computed: ItrComputation): ItrDraftRecord {
    this.serial += 1;
    const draft = { id: this.serial, pin, year, computed, taxPayerId: 900_000 + this.serial };
    this.drafts.set(String(draft.id), draft);
    return draft;
  }

  find(id: unknown): ItrDraftRecord | undefined {
    return this.drafts.get(String(id));
  }
}

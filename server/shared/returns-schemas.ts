import { z } from "zod";

// Request bodies and queries of the returns and payments rules (README: Upstream API, returns and payments).
// Every object is strict: the PIN (`pin`, `tax_payer_pin`) and `msisdn` are filled by the
// gateway from the session, so a client sending them (or anything else) gets a 400.

/** Obligation ids the apps use: VAT 1, ITR 2, PAYE 7, TOT 8, MRI 33, AHL 41, NITA 42. */
export const OBLIGATION_IDS = ["1", "2", "7", "8", "33", "41", "42"] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

const obligationId = z.enum(OBLIGATION_IDS);
/** DD/MM/YYYY, the filing period's format (also PRN dates for TOT and MRI). */
export const SLASH_DATE = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/;
/** DD-MM-YYYY, PRN dates for AHL and NITA. */
export const DASH_DATE = /^(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-\d{4}$/;
/** A real calendar day (no 31/02, no 29/02 outside leap years) from DD/MM/YYYY or DD-MM-YYYY, as YYYYMMDD; else null. */
export function dayNumberOf(date: string): number | null {
  const match = /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(date);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) return null;
  return year * 10_000 + month * 100 + day;
}

/** Both ends real days, the first not after the second. */
const isPeriod = (from: string, to: string) => {
  const [start, end] = [dayNumberOf(from), dayNumberOf(to)];
  return start !== null && end !== null && start <= end;
};
const slashDate = z.string().regex(SLASH_DATE).refine((date) => dayNumberOf(date) !== null, { message: "is not a calendar date" });
const wholeShillings = z.string().regex(/^(0|[1-9]\d{0,11})$/);
const calcOnly = z.literal("true").optional();

export const fillingPeriodSchema = z.strictObject({ obligation_id: obligationId })
  .transform((body) => ({ ...body, branch_id: "", from_date: "", from_itms_or_prtl: "PRTL", is_amended: "N" }));

const nilReturn = z.strictObject({
  kra_obligation_id: obligationId,
  obligation_code: obligationId,
  returnPeriod: z.string().regex(/^\d{2}\/\d{2}\/\d{4} - \d{2}\/\d{2}\/\d{4}$/),
  returnType: z.literal("nil_return"),
  has_rental_property: z.literal("N"),
}).refine((body) => body.kra_obligation_id === body.obligation_code, { message: "must match", path: ["obligation_code"] })
  .refine((body) => isPeriod(...(body.returnPeriod.split(" - ") as [string, string])), { message: "is not a period", path: ["returnPeriod"] });

const taxableAmount = z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/);
const taxed = { start_date: slashDate, end_date: slashDate, taxable_amount: taxableAmount, calc_only: calcOnly };
const startsBeforeItEnds = (body: { start_date: string; end_date: string }) => isPeriod(body.start_date, body.end_date);
const notAfterTheEnd = { message: "must not be after the end date", path: ["start_date"] };
const totReturn = z.strictObject({
  kra_obligation_id: z.literal("8"), obligation_code: z.literal("8"), filingCycle: z.enum(["M", "D"]), ...taxed,
}).refine(startsBeforeItEnds, notAfterTheEnd);
const mriReturn = z.strictObject({
  kra_obligation_id: z.literal("33"), obligation_code: z.literal("33"), total_properties: z.string().regex(/^[1-9]\d{0,3}$/), ...taxed,
}).refine(startsBeforeItEnds, notAfterTheEnd);
export const fileReturnSchema = z.union([nilReturn, totReturn, mriReturn]);

export const liabilitiesQuerySchema = z.strictObject({ obligation_id: obligationId });

/** PRN periods: DD-MM-YYYY for AHL and NITA (41, 42), DD/MM/YYYY for every other obligation (TOT and MRI send their filing period). */
export function prnDateFormat(obligation: string): RegExp {
  return obligation === "41" || obligation === "42" ? DASH_DATE : SLASH_DATE;
}

export const generatePrnSchema = z.strictObject({
  obligation_id: obligationId,
  tax_period_from: z.string().max(10),
  tax_period_to: z.string().max(10),
  amount: z.union([wholeShillings, z.number().int().positive().max(1e12).transform(String)])
    .refine((amount) => amount !== "0", { message: "must be above 0" }),
}).superRefine((body, ctx) => {
  const format = prnDateFormat(body.obligation_id);
  const dates = ["tax_period_from", "tax_period_to"] as const;
  const wrong = dates.filter((key) => !format.test(body[key]) || dayNumberOf(body[key]) === null);
  for (const key of wrong) ctx.addIssue({ code: "custom", path: [key], message: "is not a date in the right format" });
  if (wrong.length === 0 && !isPeriod(body.tax_period_from, body.tax_period_to)) {
    ctx.addIssue({ code: "custom", path: ["tax_period_from"], message: "must not be after the end of the period" });
  }
});

export const makePaymentSchema = z.strictObject({ prn: z.string().regex(/^[A-Za-z0-9]{6,24}$/) });

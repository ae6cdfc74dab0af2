import { z } from "zod";
import { KRA_PIN } from "./schemas";
import { dayNumberOf, SLASH_DATE } from "./returns-schemas";
import { lastReturnYear } from "./itr-year";

// Requests of the income tax return for employment income (issue 23; README: Upstream API, ITR).
// Shared with the UI. Every object is strict: the PIN, the employer rows and every figure the
// upstream computes (tax due, taxable amount, reliefs) are the gateway's to fill, so a client
// sending them gets a 400 and nothing is forwarded.

/** The upstream's ITR ids as they may appear in a path: a number, or a short token. */
export const ITR_RETURN_ID = /^[A-Za-z0-9-]{1,40}$/;
export const MAX_INSURANCE_POLICIES = 5;
export const MAX_MORTGAGES = 2;
export const MAX_DISABILITY_CERTIFICATES = 3;
const MAX_KES = 1_000_000_000;
const FIRST_RETURN_YEAR = 2015;


/** Non-negative KES with at most 2 decimals, as a number or a numeric string; forwarded as a number. */
export const kesAmount = z.union([
  z.number().finite().nonnegative().max(MAX_KES).refine((n) => Math.round(n * 100) / 100 === n, { message: "has more than 2 decimals" }),
  z.string().regex(/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/).transform(Number).pipe(z.number().max(MAX_KES)),
]);

const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^<>\u0000-\u001f]*$/, "contains characters that are not allowed");
const pin = z.string().trim().toUpperCase().regex(KRA_PIN, "must be a KRA PIN");
const slashDate = z.string().regex(SLASH_DATE).refine((date) => dayNumberOf(date) !== null, { message: "is not a calendar date" });
const returnYear = z.string().regex(/^\d{4}$/)
  .refine((year) => Number(year) >= FIRST_RETURN_YEAR && Number(year) <= lastReturnYear(), { message: "must be a past year" });

/** `GET /api/itr/filing-period`: nothing from the client; the gateway fills the PIN and the fixed fields. */
export const itrFilingPeriodQuerySchema = z.strictObject({})
  .transform(() => ({ obligation_id: "2", is_amended: "N", branch_id: "", from_date: "", from_itms_or_prtl: "PRTL" }));

/** `GET /api/itr/employment-income?return_year=YYYY`: at most last year; the gateway fills `employee_pin`. */
export const itrEmploymentQuerySchema = z.strictObject({ return_year: returnYear })
  .transform((query) => ({ ...query, tax_code: "2" }));

const insurancePolicy = z.strictObject({
  pin,
  insurer_name: text(100),
  type_of_policy: z.enum(["life", "education", "health"]),
  insurance_policy_no: text(40),
  policy_holder: text(100),
  child_age: z.number().int().min(0).max(25).optional(),
  commencement_date: slashDate,
  maturity_date: slashDate,
  sum_assured: kesAmount,
  annual_premium_paid: kesAmount,
});

const mortgage = z.strictObject({
  pin_of_lender: pin,
  name_of_lender: text(100),
  mortgage_account_no: text(40),
  amount_borrowed: kesAmount,
  outstanding_amount: kesAmount,
  interest_amount_paid: kesAmount,
});

/** Only which certificate: its dates are copied from the upstream's own `itExemptionCertDetails`. */
const disabilityCertificate = z.strictObject({ cert_no: text(40) });

/** A whole year: 01/01/YYYY - 31/12/YYYY of `return_year`. */
const yearPeriod = (body: { return_year: string; period: string }) => body.period === `01/01/${body.return_year} - 31/12/${body.return_year}`;

/** `POST /api/itr/returns`: the taxpayer's own declarations only. */
export const itrCreateSchema = z.strictObject({
  return_year: returnYear,
  period: z.string().max(23),
  pension_contribution: kesAmount,
  shif_contribution: kesAmount,
  hl_contribution: kesAmount,
  pmf_contribution: kesAmount,
  insurance_policy: z.array(insurancePolicy).max(MAX_INSURANCE_POLICIES).default([]),
  disability_certificate: z.array(disabilityCertificate).max(MAX_DISABILITY_CERTIFICATES).default([]),
  mortgage: z.array(mortgage).max(MAX_MORTGAGES).default([]),
}).refine(yearPeriod, { message: "must be the whole return year", path: ["period"] });

export type ItrCreateBody = z.output<typeof itrCreateSchema>;

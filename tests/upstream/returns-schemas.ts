import { z } from "zod";

// Bodies of the returns and payments endpoints (UPSTREAM.md §7.3–7.8). A body without the
// keys or with the wrong JSON types answers Phoenix's 500, as the older file-return shapes
// did in the Dec-2025 recordings (INFERENCE for the other endpoints: a failed match).
// Values are checked by the handlers, which refuse bad ones with a message.

const text = z.union([z.string(), z.number()]).transform(String);
const pin = z.string().trim().min(1);

export const fillingPeriodBody = z.object({
  obligation_id: text,
  pin,
  branch_id: z.literal(""),
  from_date: z.literal(""),
  from_itms_or_prtl: z.literal("PRTL"),
  is_amended: z.literal("N"),
});

export const nilReturnBody = z.object({
  kra_obligation_id: text,
  obligation_code: text,
  returnPeriod: z.string(),
  returnType: z.literal("nil_return"),
  tax_payer_pin: pin,
  has_rental_property: z.enum(["Y", "N"]).optional(),
});

const calcFlag = z.union([z.literal("true"), z.literal(true)]);

const taxedReturn = z.object({
  tax_payer_pin: pin,
  kra_obligation_id: text,
  obligation_code: text,
  start_date: z.string(),
  end_date: z.string(),
  taxable_amount: text,
  calc_only: z.union([calcFlag, z.literal("false"), z.literal(false)]).optional(),
});

export const totReturnBody = taxedReturn.extend({ kra_obligation_id: z.literal("8"), filingCycle: z.enum(["M", "D"]) });

export const mriReturnBody = taxedReturn.extend({ kra_obligation_id: z.literal("33"), total_properties: text });

export const generatePrnBody = z.object({
  tax_payer_pin: pin,
  obligation_id: text,
  tax_period_from: z.string(),
  tax_period_to: z.string(),
  amount: text,
});

export const makePaymentBody = z.object({ prn: text, msisdn: text });

export const isCalcOnly = (value: unknown) => calcFlag.safeParse(value).success;

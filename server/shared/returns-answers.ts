import { z, type ZodType } from "zod";
import { upstreamText } from "./upstream-text";

export const text = (max: number) => z.string().max(max);

// The returns and payments answers, described once (README: Upstream API, returns and payments). They come in
// several forms; these schemas keep the fields server/shared/returns.ts reads to tell them apart and drop the
// rest (internal notes, and the taxpayer's own PIN: `PinNo`, `LandlordPIN`). The proxy applies them as the
// rules' response policies (server/proxy/policies/returns.ts); the readers parse with them, on the server and in the UI.
const code = z.union([z.string().max(20), z.number()]).transform(String);
export const money = z.union([z.number().finite(), z.string().max(30)]);
export const many = <T extends ZodType>(item: T, max: number) => z.array(item).max(max);

/** The refusal forms (HTTP 4xx, or a 2xx without success): `ErrorCode`, `Message`, `message`, `errors.detail`. */
const refusal = {
  ErrorCode: upstreamText().optional(),
  Message: upstreamText().optional(),
  message: upstreamText().optional(),
  errors: z.object({ detail: upstreamText().optional() }).optional(),
  Status: text(20).optional(),
  code: z.number().int().optional(),
};
export const returnsRefusalBody = z.object(refusal);
export const returnsJson = <T extends z.ZodRawShape>(shape: T) => z.object({ ...refusal, ...shape });

const obligationItem = z.object({
  obligation_id: code.optional(),
  id: code.optional(),
  kra_obligation_id: code.optional(),
  obligation_code: code.optional(),
  obligation_name: text(200).optional(),
  name: text(200).optional(),
  obligation_short_name: text(60).optional(),
  description: text(200).optional(),
});
export const obligationsBody = z.union([many(obligationItem, 100), z.object({ ...refusal, obligations: many(obligationItem, 100).optional() })]);

export const fillingPeriodBody = returnsJson({
  status: text(20).nullish(),
  description: upstreamText().nullish(),
  trpFromDate: text(10).optional(),
  trpToDate: text(10).optional(),
  periods: many(text(30), 24).optional(),
});

export const fileReturnBody = returnsJson({
  success: z.boolean().optional(),
  response: z.object({
    Status: text(20).optional(),
    ResponseCode: code.optional(),
    Message: upstreamText().optional(),
    AckNumber: text(100).nullish(),
    PRN: text(40).nullish(),
    TaxPayable: money.nullish(),
  }).optional(),
  kra_account_number: text(60).nullish(),
  receipt_number: text(100).nullish(),
  prn: text(40).nullish(),
  tax_due: money.nullish(),
  total_tax: money.nullish(),
  total_amount: money.nullish(),
});

const liability = z.object({
  TaxPeriodFrom: text(20).nullish(),
  TaxPeriodTo: text(20).nullish(),
  PrincipalAmount: money.nullish(),
  PenaltyAmount: money.nullish(),
  InterestAmount: money.nullish(),
  FineAmount: money.nullish(),
  TotalAmount: money.nullish(),
});
export const liabilitiesBody = returnsJson({
  ResponseCode: code.optional(),
  ResponseMsg: upstreamText().optional(),
  ObligationId: code.optional(),
  LiabilitiesList: many(liability, 500).nullish(),
});

const property = z.object({
  Building: text(200).nullish(),
  LocalityStr: text(200).nullish(),
  PropertyRegId: text(60).nullish(),
  UnitsEst: z.union([text(20), z.number()]).nullish(),
  lrNo: text(100).nullish(),
});
export const propertiesBody = returnsJson({
  ResponseCode: code.optional(),
  ResponseMsg: upstreamText().optional(),
  PropertiesList: many(property, 200).nullish(),
});

export const prnBody = returnsJson({
  ResponseCode: code.optional(),
  ResponseMsg: upstreamText().optional(),
  PaymentRegNo: text(40).nullish(),
  prn: text(40).nullish(),
  Amount: money.nullish(),
});

export const paymentBody = returnsJson({
  status: z.union([z.number().int(), text(20)]).optional(),
  desc: upstreamText().optional(),
});

import { z, type ZodType } from "zod";
import { upstreamText } from "./upstream-text";

/**
 * What a rule's answer may carry to the browser. A JSON policy is a zod schema
 * of exactly the fields the UI reads: z.object drops every other key (internal
 * notes, tokens, other taxpayers' numbers), at every depth. A document streams
 * untouched. No other taxpayer's data reaches the browser unless listed here.
 */
export type ResponsePolicy =
  /** `errors`: the shape of a 4xx answer, when not the eTIMS one (businessErrorAnswer). */
  | { kind: "json"; schema: ZodType; errors?: ZodType }
  | { kind: "document" };

const json = (shape: z.ZodRawShape): ResponsePolicy => ({ kind: "json", schema: z.object(shape) });
export const PDF_DOCUMENT: ResponsePolicy = { kind: "document" };

const text = (max: number) => z.string().max(max);
const maybeText = (max: number) => text(max).nullish();
const amount = z.number().finite();
const url = text(2048);
/** Upstream's result code and its sentence (shown when the UI has no text of its own for the code). */
const outcome = { code: z.number().int().optional(), message: upstreamText().optional() };

/** Business errors (4xx JSON): only the numeric code and the message, whatever else the upstream adds. */
export const businessErrorAnswer = z.object({ code: z.number().int(), message: outcome.message });

export const lookupAnswer = json({ ...outcome, name: text(200), pin: text(20) });
export const saleAnswer = json({ ...outcome, invoice_no: text(100).optional(), invoice_pdf_url: url.optional() });
export const buyerInitiatedAnswer = json({ ...outcome, invoice_no: text(100).optional() });
export const actionAnswer = json(outcome);
export const creditNoteAnswer = json({ ...outcome, credit_note_ref: text(100).optional(), credit_note_pdf_url: url.optional() });

const invoiceLine = z.object({ item_name: text(200), quantity: amount, unit_price: amount, total: amount.optional() });
/** A buyer-initiated invoice as the list and view pages show it: no party's number. */
const invoiceEntry = z.object({
  uuid: text(64).optional(),
  invoice_number: text(100),
  total_amount: amount.optional(),
  status: text(40).optional(),
  buyer_name: maybeText(200),
  seller_name: maybeText(200),
  supplier_pin: text(20).optional(),
  created_at: text(40).optional(),
  invoice_pdf_url: url.optional(),
  items: z.array(invoiceLine).max(200).optional(),
});
/** The current paginated shape, or the legacy list ("BI-X; KES 3000; NAME" strings) (README: Upstream API, buyer-initiated invoices). */
const invoiceListing = z.union([
  z.object({ entries: z.array(invoiceEntry).max(1000), total_entries: z.number().int().nonnegative().optional() }),
  z.array(z.union([invoiceEntry, text(300)])).max(1000),
]);
export const invoiceListAnswer = json({ ...outcome, invoices: invoiceListing.optional() });

const creditableLine = z.object({
  id: z.union([text(40), z.number().int()]).transform(String),
  item_name: text(200),
  unit_price: amount.optional(),
  item_price: amount.optional(),
  quantity: amount,
});
export const creditNoteSearchAnswer = json({
  ...outcome,
  invoice_no: text(100).optional(),
  total_amount: amount.optional(),
  has_partial_credit_note: z.boolean().optional(),
  items: z.array(creditableLine).max(200).optional(),
});

// Returns and payments (README: Upstream API, returns and payments). These answers come in several forms; the
// policies keep the fields server/shared/returns.ts reads to tell them apart, and drop
// the rest (internal notes, and the taxpayer's own PIN: `PinNo`, `LandlordPIN`).
const code = z.union([z.string().max(20), z.number()]).transform(String);
const money = z.union([z.number().finite(), z.string().max(30)]);
const many = <T extends ZodType>(item: T, max: number) => z.array(item).max(max);

/** The refusal forms (HTTP 4xx, or a 2xx without success): `ErrorCode`, `Message`, `message`, `errors.detail`. */
export const returnsRefusal = {
  ErrorCode: upstreamText().optional(),
  Message: upstreamText().optional(),
  message: upstreamText().optional(),
  errors: z.object({ detail: upstreamText().optional() }).optional(),
  Status: text(20).optional(),
  code: z.number().int().optional(),
};
const returnsJson = (shape: z.ZodRawShape): ResponsePolicy =>
  ({ kind: "json", schema: z.object({ ...returnsRefusal, ...shape }), errors: z.object(returnsRefusal) });

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
export const obligationsAnswer: ResponsePolicy = {
  kind: "json",
  schema: z.union([many(obligationItem, 100), z.object({ ...returnsRefusal, obligations: many(obligationItem, 100).optional() })]),
  errors: z.object(returnsRefusal),
};

export const fillingPeriodAnswer = returnsJson({
  status: text(20).nullish(),
  description: upstreamText().nullish(),
  trpFromDate: text(10).optional(),
  trpToDate: text(10).optional(),
  periods: many(text(30), 24).optional(),
});

export const fileReturnAnswer = returnsJson({
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
export const liabilitiesAnswer = returnsJson({
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
export const propertiesAnswer = returnsJson({
  ResponseCode: code.optional(),
  ResponseMsg: upstreamText().optional(),
  PropertiesList: many(property, 200).nullish(),
});

export const prnAnswer = returnsJson({
  ResponseCode: code.optional(),
  ResponseMsg: upstreamText().optional(),
  PaymentRegNo: text(40).nullish(),
  prn: text(40).nullish(),
  Amount: money.nullish(),
});

export const paymentAnswer = returnsJson({
  status: z.union([z.number().int(), text(20)]).optional(),
  desc: upstreamText().optional(),
});

import { z } from "zod";
import { upstreamText } from "../../shared/upstream-text";
import type { ResponsePolicy } from "./policy";

// eTIMS (README: Upstream API): sales, buyer-initiated invoices, credit notes, the buyer lookup.
const json = (shape: z.ZodRawShape): ResponsePolicy => ({ kind: "json", schema: z.object(shape) });

const text = (max: number) => z.string().max(max);
const maybeText = (max: number) => text(max).nullish();
const amount = z.number().finite();
const url = text(2048);
/** Upstream's result code and its sentence (shown when the UI has no text of its own for the code). */
const outcome = { code: z.number().int().optional(), message: upstreamText().optional() };

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

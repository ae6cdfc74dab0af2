import { z } from "zod";
import { normalizeMsisdn } from "./msisdn";

const text = z.string().trim().min(1);
const optionalText = z.string().nullish();
const amount = z.coerce.number().pipe(z.number().finite());
const stringOrNumber = z.union([z.string(), z.number()]).transform(String);
const msisdn = stringOrNumber.transform(normalizeMsisdn).pipe(z.string().min(12));

const saleItem = z.object({
  item_name: text,
  taxable_amount: amount.pipe(z.number().nonnegative()),
  quantity: amount.pipe(z.number().positive()),
});

export const lookupBody = z.object({ pin_or_id: text });

export const postSaleBody = z.object({
  msisdn,
  total_amount: amount,
  items: z.array(saleItem).min(1),
  customer_pin: optionalText,
  customer_name: optionalText,
  buyer_pin: optionalText,
  buyer_name: optionalText,
  pin: optionalText,
});

export const buyerInitiatedBody = z.object({
  msisdn,
  seller_pin: text,
  seller_msisdn: stringOrNumber.nullish(),
  total_amount: amount,
  items: z.array(saleItem).min(1),
  supplier_name: optionalText,
});

export const invoiceActionBody = z.object({
  action: z.enum(["accept", "reject"]),
  msisdn,
  invoice: text,
});

export const fetchQuery = z.object({
  page: z.coerce.number().int().positive().catch(1),
  page_size: z.coerce.number().int().positive().max(1000).catch(50),
  status: z.string().optional(),
  actor: z.enum(["buyer", "supplier"]).catch("buyer"),
});

export const CREDIT_NOTE_REASONS = [
  "missing_quantity", "missing_data", "damaged", "wasted", "raw_material_shortage", "refund",
] as const;

export const searchCreditNoteBody = z.object({ msisdn, invoice_no: stringOrNumber });

export const fullCreditNoteBody = z.object({
  msisdn,
  invoice_no: stringOrNumber,
  reason: z.enum(CREDIT_NOTE_REASONS),
});

// The app sends item_id/id + quantity, Postman sends item_id + return_quantity and
// etims_invoice_no (README: Upstream API, credit-note codes): both are accepted.
const returnedItem = z
  .object({
    item_id: stringOrNumber.optional(),
    id: stringOrNumber.optional(),
    quantity: amount.optional(),
    return_quantity: amount.optional(),
  })
  .transform((item) => ({ lineId: item.item_id ?? item.id, quantity: item.quantity ?? item.return_quantity }))
  .pipe(z.object({ lineId: z.string(), quantity: z.number().positive() }));

export const partialCreditNoteBody = z.object({
  msisdn,
  invoice_no: stringOrNumber.optional(),
  etims_invoice_no: stringOrNumber.optional(),
  reason: z.enum(CREDIT_NOTE_REASONS),
  items: z.array(returnedItem).min(1),
});

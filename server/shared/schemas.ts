import { z } from "zod";

// Shared with the UI: the gateway validates every proxied body and query with
// these schemas, and the forms validate with the same ones before sending.
// Unknown body fields are dropped (zod's default; older clients send `msisdn`),
// unknown query parameters are refused; only what is listed here can reach the
// upstream. `msisdn` is never taken from the browser: the gateway
// sets it from the session.

/** A KRA PIN: A or P, nine digits, a letter (P051234567A). The one pattern; anything else is no PIN. */
export const KRA_PIN = /^[AP][0-9]{9}[A-Z]$/;
const PIN = KRA_PIN.source.slice(1, -1);
const MAX_AMOUNT = 1_000_000_000;

const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^<>\u0000-\u001f]*$/, "contains characters that are not allowed");
const amount = z.number().finite().nonnegative().max(MAX_AMOUNT);
const quantity = z.number().finite().positive().max(1_000_000);
const phoneDigits = z.string().regex(/^254[0-9]{9}$/, "must be 254XXXXXXXXX");

export const pinOrIdSchema = z.string().trim().toUpperCase().regex(new RegExp(`^(?:${PIN}|[0-9]{6,9})$`), "must be a KRA PIN or an ID number");

/** A KRA PIN, or a national ID in its canonical form (leading zeros stripped, as server/shared/signup.ts keys it). */
export const buyerLookupSchema = z.object({
  pin_or_id: pinOrIdSchema.transform((value) => (KRA_PIN.test(value) ? value : value.replace(/^0+/, "")))
    .pipe(z.string().regex(new RegExp(`^(?:${PIN}|[1-9][0-9]{0,8})$`), "must be a KRA PIN or an ID number")),
});

export const invoiceItemSchema = z.object({
  item_name: text(100),
  taxable_amount: amount, // the unit price (README: Upstream API, sales invoices)
  quantity,
  total_amount: amount.optional(),
});

const items = z.array(invoiceItemSchema).min(1).max(50);

/** Totals must add up: upstream does not check them, so the gateway does. */
function totalsMatch(body: { total_amount: number; items: { taxable_amount: number; quantity: number }[] }): boolean {
  const sum = body.items.reduce((total, item) => total + item.taxable_amount * item.quantity, 0);
  return Math.abs(sum - body.total_amount) < 0.01;
}

export const salesInvoiceSchema = z.object({
  customer_pin: z.string().regex(KRA_PIN, "must be a KRA PIN").optional(),
  customer_name: text(100).optional(),
  customer_phone: phoneDigits.optional(),
  total_amount: amount,
  items,
  source: z.literal("whatsapp").default("whatsapp"),
}).refine(totalsMatch, { message: "must equal the sum of the items", path: ["total_amount"] })
  .transform((body) => ({ ...body, pin: body.customer_pin }));

export const buyerInitiatedInvoiceSchema = z.object({
  seller_pin: z.string().regex(KRA_PIN, "must be a KRA PIN"),
  seller_msisdn: phoneDigits.optional(),
  supplier_name: text(100).optional(),
  total_amount: amount,
  items,
  source: z.literal("whatsapp").default("whatsapp"),
}).refine(totalsMatch, { message: "must equal the sum of the items", path: ["total_amount"] });

export const INVOICE_STATUSES = ["awaiting_approval", "accepted", "rejected", "pending"] as const;

export const invoiceListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(INVOICE_STATUSES).optional(),
  actor: z.enum(["buyer", "supplier"]).default("buyer"),
  source: z.literal("whatsapp").default("whatsapp"),
}).strict();

export const invoiceActionSchema = z.object({
  action: z.enum(["accept", "reject"]),
  invoice: z.string().trim().regex(/^[A-Za-z0-9-]{1,64}$/, "must be an invoice reference"),
});

const invoiceNumber = z.string().trim().regex(/^[A-Za-z0-9/-]{1,40}$/, "must be an invoice number");

export const creditNoteSearchSchema = z.object({ invoice_no: invoiceNumber });

export const CREDIT_NOTE_REASONS = ["missing_quantity", "missing_data", "damaged", "wasted", "raw_material_shortage", "refund"] as const;

/** The integer after the last "/" of an invoice number, which is what submit expects (README: Upstream API, credit-note codes). */
const invoiceSuffix = z.union([
  z.number().int().positive(),
  invoiceNumber.transform((value, ctx) => {
    const suffix = Number(value.split("/").pop());
    if (!Number.isSafeInteger(suffix) || suffix <= 0) {
      ctx.addIssue({ code: "custom", message: "must end in the invoice's number" });
      return z.NEVER;
    }
    return suffix;
  }),
]);

export const fullCreditNoteSchema = z.object({
  invoice_no: invoiceSuffix,
  reason: z.enum(CREDIT_NOTE_REASONS),
  full: z.literal(true).default(true),
});

export const partialCreditNoteSchema = z.object({
  invoice_no: invoiceSuffix,
  reason: z.enum(CREDIT_NOTE_REASONS),
  source: z.literal("whatsapp").default("whatsapp"),
  items: z.array(z.object({
    item_id: z.union([z.string().regex(/^[A-Za-z0-9-]{1,40}$/), z.number().int().nonnegative()]).transform(String),
    quantity,
    item_name: text(100).optional(),
    item_price: amount.optional(),
  }).transform((item) => ({ ...item, id: item.item_id }))).min(1).max(50),
});

export type BuyerLookup = z.input<typeof buyerLookupSchema>;
export type SalesInvoice = z.input<typeof salesInvoiceSchema>;
export type BuyerInitiatedInvoice = z.input<typeof buyerInitiatedInvoiceSchema>;
export type InvoiceListQuery = z.input<typeof invoiceListQuerySchema>;
export type InvoiceAction = z.input<typeof invoiceActionSchema>;
export type CreditNoteSearch = z.input<typeof creditNoteSearchSchema>;
export type FullCreditNote = z.input<typeof fullCreditNoteSchema>;
export type PartialCreditNote = z.input<typeof partialCreditNoteSchema>;

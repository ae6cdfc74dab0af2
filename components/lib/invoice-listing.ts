// Shapes of the buyer-initiated listing (README: Upstream API, buyer-initiated invoices). The upstream has
// answered with a paginated object, a bare array, `{ data: [...] }` and legacy
// strings ("BI-X; KES 3000; NAME"); each becomes the same entry, and nothing is
// made up that the answer did not say.
export interface InvoiceLine { item_name: string; quantity: number; unit_price: number; total?: number }
export interface InvoiceEntry {
  uuid?: string;
  invoice_number: string;
  total_amount?: number;
  status?: string;
  buyer_name?: string | null;
  seller_name?: string | null;
  supplier_pin?: string;
  created_at?: string;
  invoice_pdf_url?: string;
  items?: InvoiceLine[];
}
export interface InvoicePage { entries: InvoiceEntry[]; total: number }

type Listing = { invoices?: unknown; data?: unknown } | unknown[];

export function readInvoicePage(answer: Listing | undefined): InvoicePage {
  const invoices = Array.isArray(answer) ? answer : (answer?.invoices ?? answer?.data);
  if (invoices && typeof invoices === "object" && !Array.isArray(invoices)) {
    const paged = invoices as { entries?: unknown[]; total_entries?: number };
    const entries = (paged.entries ?? []).map(readEntry).filter((entry): entry is InvoiceEntry => entry !== undefined);
    return { entries, total: paged.total_entries ?? entries.length };
  }
  const entries = (Array.isArray(invoices) ? invoices : []).map(readEntry).filter((entry): entry is InvoiceEntry => entry !== undefined);
  return { entries, total: entries.length };
}

function readEntry(value: unknown): InvoiceEntry | undefined {
  if (typeof value === "string") {
    const [ref, amount, seller] = value.split(";").map((part) => part.trim());
    return ref ? { invoice_number: ref, total_amount: Number(amount?.replace(/[^0-9.]/g, "")) || undefined, seller_name: seller } : undefined;
  }
  const entry = value as InvoiceEntry | null;
  return entry && typeof entry.invoice_number === "string" ? entry : undefined;
}

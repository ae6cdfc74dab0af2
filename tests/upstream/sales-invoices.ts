import type { InvoiceLine } from "./invoice-lines";

export const INVOICE_PREFIX = "KRASRN000006245/";

export interface CreditNote {
  ref: string;
  kind: "full" | "partial";
  pdfUrl: string;
}

export interface SalesInvoice {
  invoiceNo: string;
  suffix: string;
  sellerMsisdn: string;
  buyerName: string | null;
  buyerPin: string | null;
  /** As sent: upstream does not check it against the items (README: Upstream API, sales invoices). */
  totalAmount: number;
  lines: InvoiceLine[];
  pdfUrl: string;
  creditNotes: CreditNote[];
  fullyCredited: boolean;
}

export type NewSalesInvoice = Omit<SalesInvoice, "invoiceNo" | "suffix" | "creditNotes" | "fullyCredited">;

/** Sales invoices by number; numbers continue from the Postman examples (1004, 1014). */
export class SalesInvoiceBook {
  private readonly bySuffix = new Map<string, SalesInvoice>();
  private nextSuffix = 1001;

  create(input: NewSalesInvoice): SalesInvoice {
    const suffix = String(this.nextSuffix++);
    const invoice = { ...input, invoiceNo: `${INVOICE_PREFIX}${suffix}`, suffix, creditNotes: [], fullyCredited: false };
    this.bySuffix.set(suffix, invoice);
    return invoice;
  }

  /** Accepts the full number ("KRASRN000006245/1001") or only its integer suffix ("1001" or 1001). */
  findForSeller(sellerMsisdn: string, typed: string): SalesInvoice | undefined {
    const given = typed.trim();
    const invoice = this.bySuffix.get(given.slice(given.lastIndexOf("/") + 1));
    if (!invoice || invoice.sellerMsisdn !== sellerMsisdn) return undefined;
    return given === invoice.invoiceNo || given === invoice.suffix ? invoice : undefined;
  }
}

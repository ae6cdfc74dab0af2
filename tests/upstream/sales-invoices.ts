import type { InvoiceLine } from "./invoice-lines";
import { formatKraDate, nairobiToday } from "./kra-dates";

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
  /** YYYY-MM-DD, Nairobi time (the invoice-number checker's `salesDate`). */
  issuedOn: string;
}

export type NewSalesInvoice = Omit<SalesInvoice, "invoiceNo" | "suffix" | "creditNotes" | "fullyCredited" | "issuedOn">;

/** Sales invoices by number; numbers continue from the Postman examples (1004, 1014). */
export class SalesInvoiceBook {
  private readonly bySuffix = new Map<string, SalesInvoice>();
  private nextSuffix = 1001;

  create(input: NewSalesInvoice): SalesInvoice {
    const suffix = String(this.nextSuffix++);
    const issuedOn = formatKraDate(nairobiToday(), "-").split("-").reverse().join("-");
    const invoice = { ...input, invoiceNo: `${INVOICE_PREFIX}${suffix}`, suffix, creditNotes: [], fullyCredited: false, issuedOn };
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

  /** Any seller's invoice by its full number (the invoice-number checker). */
  findByNumber(invoiceNo: string): SalesInvoice | undefined {
    const invoice = this.bySuffix.get(invoiceNo.slice(invoiceNo.lastIndexOf("/") + 1));
    return invoice?.invoiceNo === invoiceNo ? invoice : undefined;
  }
}

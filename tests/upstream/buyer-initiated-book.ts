import { randomUUID } from "node:crypto";
import type { InvoiceLine } from "./invoice-lines";
import { randomUpper } from "./random-ids";

export type BuyerInitiatedStatus = "awaiting_approval" | "accepted" | "rejected";
export type Actor = "buyer" | "supplier";

export interface BuyerInitiatedInvoice {
  uuid: string;
  ref: string;
  buyerMsisdn: string;
  buyerName: string | null;
  supplierPin: string;
  supplierMsisdn: string | null;
  sellerName: string | null;
  totalAmount: number;
  lines: InvoiceLine[];
  status: BuyerInitiatedStatus;
  createdAt: string;
  pdfUrl: string | null;
}

export type NewBuyerInitiatedInvoice = Omit<BuyerInitiatedInvoice, "uuid" | "ref" | "status" | "createdAt" | "pdfUrl">;

export interface InvoiceFilter {
  msisdn: string;
  actor: Actor;
  status?: BuyerInitiatedStatus;
}

/** Invoices a buyer raised for a supplier to accept or reject (README: Upstream API, buyer-initiated invoices). */
export class BuyerInitiatedBook {
  private readonly invoices: BuyerInitiatedInvoice[] = [];

  add(input: NewBuyerInitiatedInvoice): BuyerInitiatedInvoice {
    const invoice: BuyerInitiatedInvoice = {
      ...input,
      uuid: randomUUID(),
      ref: this.unusedRef(),
      status: "awaiting_approval",
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      pdfUrl: null,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  find(refOrUuid: string): BuyerInitiatedInvoice | undefined {
    return this.invoices.find((invoice) => invoice.ref === refOrUuid || invoice.uuid === refOrUuid);
  }

  /** Newest first. */
  list(filter: InvoiceFilter): BuyerInitiatedInvoice[] {
    const partyOf = (invoice: BuyerInitiatedInvoice) =>
      filter.actor === "supplier" ? invoice.supplierMsisdn : invoice.buyerMsisdn;
    return this.invoices
      .filter((invoice) => partyOf(invoice) === filter.msisdn)
      .filter((invoice) => !filter.status || invoice.status === filter.status)
      .reverse();
  }

  private unusedRef(): string {
    let ref: string;
    do ref = `BI-${randomUpper(6)}`;
    while (this.find(ref));
    return ref;
  }
}

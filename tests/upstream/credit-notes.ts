import type { RequestContext } from "./context";
import { remainingQuantity } from "./invoice-lines";
import { randomUpperAlnum } from "./random-ids";
import { taxBusinessError as businessError, taxReply, type Reply } from "./reply";
import type { CreditNote, SalesInvoice } from "./sales-invoices";
import { fullCreditNoteBody, partialCreditNoteBody, searchCreditNoteBody } from "./schemas";
import type { UpstreamState } from "./state";

const creditNoteFailed = () => businessError(11, "Unable to Create Etims Credit Note");

/** POST /search/credit-note (README: Upstream API, credit-note codes): only the seller's own invoices are found. */
export function searchCreditNote({ body, state }: RequestContext): Reply {
  const parsed = searchCreditNoteBody.safeParse(body);
  const invoice = parsed.success ? state.sales.findForSeller(parsed.data.msisdn, parsed.data.invoice_no) : undefined;
  if (!invoice) return businessError(13, "Invalid Invoice Number");
  if (invoice.fullyCredited) return businessError(15, "Credit note already issued for this invoice");
  return taxReply({
    code: 14,
    message: "Valid Invoice Number",
    invoice_no: invoice.invoiceNo,
    total_amount: invoice.totalAmount,
    currency: "KES",
    buyer_name: invoice.buyerName,
    buyer_pin: invoice.buyerPin,
    seller_msisdn: invoice.sellerMsisdn,
    items: creditableItems(invoice),
    has_partial_credit_note: invoice.creditNotes.some((note) => note.kind === "partial"),
  });
}

/** Lines that can still be credited, with the quantity that remains. */
function creditableItems(invoice: SalesInvoice) {
  return invoice.lines
    .filter((line) => remainingQuantity(line) > 0)
    .map((line) => ({ id: line.id, internal_note: "line", item_name: line.itemName, unit_price: line.unitPrice, quantity: remainingQuantity(line) }));
}

/** POST /submit/credit-note (README: Upstream API, credit-note codes): answers code 8 like Postman, not the app's 12. */
export function submitFullCreditNote({ body, state }: RequestContext): Reply {
  const parsed = fullCreditNoteBody.safeParse(body);
  const invoice = parsed.success ? state.sales.findForSeller(parsed.data.msisdn, parsed.data.invoice_no) : undefined;
  if (!invoice || invoice.fullyCredited) return creditNoteFailed();
  for (const line of invoice.lines) line.credited = line.quantity;
  return creditNoteIssued(state, invoice, "full");
}

/** POST /submit/partial-credit-note (README: Upstream API, credit-note codes): returns may not exceed what remains. */
export function submitPartialCreditNote({ body, state }: RequestContext): Reply {
  const parsed = partialCreditNoteBody.safeParse(body);
  if (!parsed.success) return creditNoteFailed();
  const typedNumber = parsed.data.invoice_no ?? parsed.data.etims_invoice_no ?? "";
  const invoice = state.sales.findForSeller(parsed.data.msisdn, typedNumber);
  const returns = invoice && returnsByLine(invoice, parsed.data.items);
  if (!invoice || !returns) return creditNoteFailed();
  for (const line of invoice.lines) line.credited += returns.get(line.id) ?? 0;
  return creditNoteIssued(state, invoice, "partial");
}

/** Quantities per line id, or undefined when a line is unknown or over-returned. */
function returnsByLine(invoice: SalesInvoice, items: { lineId: string; quantity: number }[]) {
  const returns = new Map<string, number>();
  for (const item of items) returns.set(item.lineId, (returns.get(item.lineId) ?? 0) + item.quantity);
  for (const [lineId, quantity] of returns) {
    const line = invoice.lines.find((candidate) => candidate.id === lineId);
    if (!line || quantity > remainingQuantity(line)) return undefined;
  }
  return returns;
}

function creditNoteIssued(state: UpstreamState, invoice: SalesInvoice, kind: CreditNote["kind"]): Reply {
  const note: CreditNote = { ref: `CN-${randomUpperAlnum(10)}`, kind, pdfUrl: state.documents.create(false) };
  invoice.creditNotes.push(note);
  invoice.fullyCredited = invoice.lines.every((line) => remainingQuantity(line) === 0);
  return taxReply({
    code: 8,
    message: "ETIMS Invoice Created Successfully",
    credit_note_ref: note.ref,
    credit_note_pdf_url: note.pdfUrl,
    seller_msisdn: invoice.sellerMsisdn,
  });
}

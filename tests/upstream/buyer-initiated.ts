import type { BuyerInitiatedInvoice, BuyerInitiatedStatus } from "./buyer-initiated-book";
import type { RequestContext } from "./context";
import { normalizeMsisdn } from "./msisdn";
import { withInternals } from "./internals";
import { internalServerError, taxBusinessError, taxReply, type Reply } from "./reply";
import { buyerInitiatedBody, fetchQuery, invoiceActionBody } from "./schemas";

/** POST /buyer-initiated/submit/invoice (README: Upstream API, buyer-initiated invoices); a body without seller_pin crashed upstream (500). */
export function submitBuyerInitiated({ body, state }: RequestContext): Reply {
  const parsed = buyerInitiatedBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const request = parsed.data;
  const seller = state.taxpayers.findByPinOrId(request.seller_pin);
  const invoice = state.buyerInitiated.add({
    buyerMsisdn: request.msisdn,
    buyerName: state.taxpayers.findRegistered(request.msisdn)?.name ?? null,
    supplierPin: request.seller_pin,
    supplierMsisdn: request.seller_msisdn ? normalizeMsisdn(request.seller_msisdn) : (seller?.msisdn ?? null),
    sellerName: request.supplier_name || seller?.name || null,
    totalAmount: request.total_amount,
    lines: state.lines.toLines(request.items),
  });
  const message = "Buyer Initiated Invoice Created Successfully";
  return taxReply({ code: 17, invoice_no: invoice.ref, message, seller_msisdn: invoice.supplierMsisdn });
}

/** GET /buyer-initiated/fetch/:msisdn (README: Upstream API, buyer-initiated invoices), the current paginated shape. */
export function fetchBuyerInitiated({ params, query, state }: RequestContext): Reply {
  const { page, page_size: pageSize, status, actor } = fetchQuery.parse(query);
  const msisdn = normalizeMsisdn(decodeSegment(params[0] ?? ""));
  const found = state.buyerInitiated.list({ msisdn, actor, status: statusFilter(status) });
  if (found.length === 0) return { ...taxBusinessError(19, "No Invoices Found"), status: 404 };
  const entries = found.slice((page - 1) * pageSize, page * pageSize).map(toEntry);
  return taxReply({ code: 20, message: "Invoices Found", invoices: withInternals({ entries, total_entries: found.length }) });
}

/** The UI's "pending" is upstream's awaiting_approval; an empty status means all. */
function statusFilter(status: string | undefined): BuyerInitiatedStatus | undefined {
  if (!status) return undefined;
  return (status === "pending" ? "awaiting_approval" : status) as BuyerInitiatedStatus;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toEntry(invoice: BuyerInitiatedInvoice) {
  return withInternals({
    uuid: invoice.uuid,
    invoice_number: invoice.ref,
    total_amount: invoice.totalAmount,
    status: invoice.status,
    buyer_name: invoice.buyerName,
    buyer_msisdn: invoice.buyerMsisdn,
    seller_name: invoice.sellerName,
    supplier_msisdn: invoice.supplierMsisdn,
    supplier_pin: invoice.supplierPin,
    created_at: invoice.createdAt,
    items: invoice.lines.map((line) => ({
      item_name: line.itemName,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      total: line.unitPrice * line.quantity,
      internal_note: "line",
    })),
    ...(invoice.pdfUrl ? { invoice_pdf_url: invoice.pdfUrl } : {}),
  });
}

/** POST /buyer-initiated/action/submit (README: Upstream API, buyer-initiated invoices); anything it cannot act on crashed upstream (500). */
export function actOnBuyerInitiated({ body, state }: RequestContext): Reply {
  const parsed = invoiceActionBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  // Postman sends the whole display string "BI-KWFQOH; KES 1000; NAME"; the app only the ref.
  const invoice = state.buyerInitiated.find(parsed.data.invoice.split(";")[0]!.trim());
  const actionable = invoice?.supplierMsisdn === parsed.data.msisdn && invoice.status === "awaiting_approval";
  if (!invoice || !actionable) return internalServerError();
  invoice.status = parsed.data.action === "accept" ? "accepted" : "rejected";
  if (invoice.status === "accepted") invoice.pdfUrl = state.documents.create(false);
  return taxReply({ message: "ok", buyer_msisdn: invoice.buyerMsisdn });
}

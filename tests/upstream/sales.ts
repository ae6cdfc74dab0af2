import type { RequestContext } from "./context";
import { taxBusinessError as businessError, taxReply, type Reply } from "./reply";
import { lookupBody, postSaleBody } from "./schemas";
import type { UpstreamState } from "./state";

/** POST /buyer-initiated/lookup (README: Upstream API, sales invoices): a PIN or a national ID. */
export function lookupParty({ body, state }: RequestContext): Reply {
  const parsed = lookupBody.safeParse(body);
  const party = parsed.success ? state.taxpayers.findByPinOrId(parsed.data.pin_or_id) : undefined;
  if (!party) return businessError(4, "Invalid ID Number");
  return taxReply({
    code: 3, message: "Valid ID Number", name: party.name, obligations: [], pin: party.pin,
    id_number: party.idNumber, msisdn: party.msisdn ?? null,
  });
}

/** POST /post-sale (README: Upstream API, sales invoices): totals are not checked, like upstream. */
export function postSale({ body, state }: RequestContext): Reply {
  const parsed = postSaleBody.safeParse(body);
  if (!parsed.success || parsed.data.items.some((item) => item.item_name === "FAIL")) {
    return businessError(10, "Unable to Create Etims Invoice");
  }
  const sale = parsed.data;
  const buyerPin = sale.customer_pin || sale.buyer_pin || sale.pin || null;
  const invoice = state.sales.create({
    sellerMsisdn: sale.msisdn,
    buyerName: sale.customer_name || sale.buyer_name || partyName(state, buyerPin),
    buyerPin,
    totalAmount: sale.total_amount,
    lines: state.lines.toLines(sale.items),
    pdfUrl: state.documents.create(true),
  });
  return taxReply({
    code: 8,
    message: "Etims Invoice Created Successfully",
    invoice_no: invoice.invoiceNo,
    invoice_pdf_url: invoice.pdfUrl,
    buyer_pin: invoice.buyerPin,
  });
}

function partyName(state: UpstreamState, pinOrId: string | null): string | null {
  return pinOrId ? (state.taxpayers.findByPinOrId(pinOrId)?.name ?? null) : null;
}

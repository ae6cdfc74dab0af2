import type { RequestContext } from "./context";
import {
  certificateExtras, DEFAULT_STATION, IMPORT_CERTIFICATES, KRA_STAFF, SEEDED_INVOICE, staffExtras, TAX_STATIONS, tccExtras,
} from "./checkers-fixtures";
import { THIRD_PARTY_MSISDN } from "./internals";
import { internalServerError, taxReply, type Reply } from "./reply";
import { INVALID_PIN, refusal } from "./refusals";

// The checkers (UPSTREAM.md §7.1): GETs on the iTax base, no token needed. A failed
// check answers without the record's key and with a `message` (HTTP 422, the §1 rule).

/** GET A/taxpayer/pin-checker?pin_number= : the name and station, and the rest of the record. */
export function checkPin({ query, state }: RequestContext): Reply {
  const pin = (query.pin_number ?? "").trim().toUpperCase();
  if (pin.length !== 11) return refusal("message", "PIN must be 11 characters");
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("message", INVALID_PIN);
  const { party } = found;
  return taxReply({
    TaxpayerName: party.name, pin: party.pin, Station: TAX_STATIONS[party.pin] ?? DEFAULT_STATION,
    IdNumber: party.idNumber, MobileNumber: party.msisdn ?? THIRD_PARTY_MSISDN, EmailAddress: "taxpayer@example.com",
  });
}

/** GET A/taxpayer/staff-checker?national_id= */
export function checkStaff({ query }: RequestContext): Reply {
  const record = KRA_STAFF.find((staff) => staff.IDNUMBER === (query.national_id ?? "").trim());
  if (!record) return refusal("message", "No KRA staff member found with this ID number");
  return taxReply({ ...record, ...staffExtras(record) });
}

/** GET A/itax/validate-tcc?kra_pin=&tcc_number= : both must match one certificate. */
export function validateTcc({ query, state }: RequestContext): Reply {
  const found = state.checkers.findTcc(query.kra_pin ?? "", query.tcc_number ?? "");
  if (!found) return refusal("message", "Invalid TCC Number");
  return taxReply({ TCCDATA: { ...found, ...tccExtras() } });
}

/** GET A/taxpayer/import-certificate?certificate_no= (Postman's `pin_number` is not what the app sends). */
export function checkImportCertificate({ query }: RequestContext): Reply {
  const wanted = (query.certificate_no ?? "").trim().toUpperCase();
  const found = IMPORT_CERTIFICATES.filter((certificate) => certificate.certiNo === wanted);
  if (found.length === 0) return refusal("message", "Import certificate not found");
  return taxReply({ importCertificate_Dtls: { importCertDtls: found.map((certificate) => ({ ...certificate, ...certificateExtras() })) } });
}

/** GET A/invoice-number-checker?invoice_number= : eTIMS invoices, those issued through post-sale included. */
export function checkInvoiceNumber({ query, state }: RequestContext): Reply {
  const wanted = (query.invoice_number ?? "").trim().toUpperCase();
  const invoice = wanted === SEEDED_INVOICE.number ? SEEDED_INVOICE : issuedInvoice(state, wanted);
  if (!invoice) return refusal("message", "Invalid invoice number");
  const taxable = Math.round((invoice.totalInvoiceAmount / 1.16) * 100) / 100;
  return taxReply({
    data: {
      controlUnitInvoiceNumber: invoice.number, salesDate: invoice.salesDate, supplierName: invoice.supplierName,
      totalInvoiceAmount: invoice.totalInvoiceAmount, totalTaxableAmount: taxable,
      totalTaxAmount: Math.round((invoice.totalInvoiceAmount - taxable) * 100) / 100,
      supplierMsisdn: THIRD_PARTY_MSISDN, buyerPin: "A000000008H",
    },
  });
}

function issuedInvoice(state: RequestContext["state"], number: string) {
  const invoice = state.sales.findByNumber(number);
  if (!invoice) return undefined;
  const seller = state.taxpayers.findRegistered(invoice.sellerMsisdn);
  return { number: invoice.invoiceNo, salesDate: invoice.issuedOn, supplierName: seller?.name ?? "", totalInvoiceAmount: invoice.totalAmount };
}

const TCC_REASONS = new Set(["JOB_APPLICATION", "TENDER", "WORK_PERMIT", "CLEARANCE", "LOAN", "LICENSE", "OTHER"]);

/** POST U/tcc-application (UPSTREAM.md §7.9): refused while the taxpayer owes tax. */
export function applyForTcc({ body, state }: RequestContext): Reply {
  const { tax_payer_pin: pin, reason_for_tcc: reason } = body;
  if (typeof pin !== "string" || typeof reason !== "string") return internalServerError();
  if (!TCC_REASONS.has(reason)) return refusal("Message", "Invalid reason for TCC");
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("Message", INVALID_PIN);
  if (Object.values(found.profile.liabilities).some((list) => list.length > 0)) {
    return refusal("Message", "A TCC cannot be issued while you have unpaid tax. Please pay your liabilities first.");
  }
  const tcc = state.checkers.issueTcc(found.party.pin);
  return taxReply({ Status: "OK", Message: "TCC application submitted successfully", TCCNumber: tcc.tccNo, TaxpayerName: found.party.name });
}

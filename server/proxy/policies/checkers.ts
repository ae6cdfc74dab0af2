import { z } from "zod";
import type { ResponsePolicy } from "./policy";
import { upstreamText } from "../../shared/upstream-text";

// Checkers and the TCC application (README: Upstream API, checkers; TCC and PIN registration). A checker looks up someone
// else's record: its policy keeps only what the person asking needs (a name, a station, a
// validity) and drops the rest of the record (contacts, IDs, officers' notes), at every depth.
// A failed check answers without the record's key, with a `message` (or an iTax refusal).

const text = (max: number) => z.string().max(max);
const money = z.union([z.number().finite(), text(30)]);

const refusal = {
  message: upstreamText().optional(),
  Message: upstreamText().optional(),
  ErrorCode: upstreamText().optional(),
  Status: text(20).optional(),
  code: z.number().int().optional(),
};
const checker = (shape: z.ZodRawShape): ResponsePolicy =>
  ({ kind: "json", schema: z.object({ ...refusal, ...shape }), errors: z.object(refusal) });

/** Also "Know your tax station": the name, the station, and (by their presence) that the PIN is valid. */
export const pinCheckerAnswer = checker({ TaxpayerName: text(200).nullish(), Station: text(200).nullish() });

export const staffCheckerAnswer = checker({
  OTHERNAMES: text(200).nullish(),
  SURNAME: text(200).nullish(),
  REGIONNAME: text(200).nullish(),
  DEPTNAME: text(200).nullish(),
  STATUS: text(40).nullish(),
});

export const tccCheckerAnswer = checker({
  TCCDATA: z.object({
    kraPin: text(20).nullish(),
    tccNo: text(40).nullish(),
    tccStatus: text(40).nullish(),
    tccIssueDate: text(40).nullish(),
    tccExpiryDate: text(40).nullish(),
  }).nullish(),
});

const importCertificate = z.object({ certiNo: text(40).nullish(), issueDt: text(40).nullish(), statusFlag: text(40).nullish() });
export const importCertificateAnswer = checker({
  importCertificate_Dtls: z.object({ importCertDtls: z.array(importCertificate).max(20).nullish() }).nullish(),
});

export const invoiceCheckerAnswer = checker({
  data: z.object({
    controlUnitInvoiceNumber: text(60).nullish(),
    salesDate: text(40).nullish(),
    supplierName: text(200).nullish(),
    totalInvoiceAmount: money.nullish(),
    totalTaxableAmount: money.nullish(),
    totalTaxAmount: money.nullish(),
  }).nullish(),
});

/** The app counts any of `Status:"OK"`, `TCCNumber`, `tcc_number`, `success` as a success. */
export const tccApplicationAnswer = checker({
  TCCNumber: text(40).nullish(),
  tcc_number: text(40).nullish(),
  success: z.boolean().optional(),
  TaxpayerName: text(200).nullish(),
});

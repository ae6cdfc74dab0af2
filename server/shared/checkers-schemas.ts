import { z } from "zod";
import { KRA_PIN } from "./schemas";

// Queries of the checkers and the TCC application body (README: Upstream API, checkers; TCC and PIN registration), shared
// with the UI. Each query is strict and takes one tight, upper-cased value: these are
// lookups of other people's records, so nothing but the looked-up key reaches the upstream.

const upper = (pattern: RegExp, message: string) => z.string().trim().toUpperCase().regex(pattern, message);

export const pinNumber = upper(KRA_PIN, "must be a KRA PIN");
export const nationalId = z.string().trim().regex(/^[0-9]{6,9}$/, "must be an ID number");
export const tccNumber = upper(/^[A-Z0-9]{6,20}$/, "must be a TCC number");
export const certificateNumber = upper(/^[A-Z0-9][A-Z0-9/-]{3,29}$/, "must be a certificate number");
export const invoiceNumber = upper(/^[A-Z0-9][A-Z0-9/-]{5,39}$/, "must be an invoice number");

export const pinCheckerQuerySchema = z.strictObject({ pin_number: pinNumber });
export const staffCheckerQuerySchema = z.strictObject({ national_id: nationalId });
export const tccCheckerQuerySchema = z.strictObject({ kra_pin: pinNumber, tcc_number: tccNumber });
export const importCertificateQuerySchema = z.strictObject({ certificate_no: certificateNumber });
export const invoiceCheckerQuerySchema = z.strictObject({ invoice_number: invoiceNumber });

/** The keys the upstream's other clients send as `reason_for_tcc`. */
export const TCC_REASONS = ["JOB_APPLICATION", "TENDER", "WORK_PERMIT", "CLEARANCE", "LOAN", "LICENSE", "OTHER"] as const;
export type TccReason = (typeof TCC_REASONS)[number];

/** `tax_payer_pin` is the session's, bound by the gateway: a client copy is refused (strict). */
export const tccApplicationSchema = z.strictObject({ reason_for_tcc: z.enum(TCC_REASONS) });

import type { ZodType } from "zod";
import {
  buyerInitiatedInvoiceSchema, buyerLookupSchema, creditNoteSearchSchema, fullCreditNoteSchema,
  invoiceActionSchema, invoiceListQuerySchema, partialCreditNoteSchema, salesInvoiceSchema,
} from "../shared/schemas";
import {
  fileReturnSchema, fillingPeriodSchema, generatePrnSchema, liabilitiesQuerySchema, makePaymentSchema,
} from "../shared/returns-schemas";
import {
  importCertificateQuerySchema, invoiceCheckerQuerySchema, pinCheckerQuerySchema, staffCheckerQuerySchema,
  tccApplicationSchema, tccCheckerQuerySchema,
} from "../shared/checkers-schemas";
import {
  importCertificateAnswer, invoiceCheckerAnswer, pinCheckerAnswer, staffCheckerAnswer, tccApplicationAnswer, tccCheckerAnswer,
} from "./policies/checkers";
import {
  actionAnswer, buyerInitiatedAnswer, creditNoteAnswer, creditNoteSearchAnswer, invoiceListAnswer, lookupAnswer, saleAnswer,
} from "./policies/etims";
import { PDF_DOCUMENT, type ResponsePolicy } from "./policies/policy";
import {
  obligationsAnswer, fillingPeriodAnswer, fileReturnAnswer, liabilitiesAnswer, propertiesAnswer, prnAnswer, paymentAnswer,
} from "./policies/returns";
import type { ServiceName } from "../shared/services";
import { itrCreateSchema, itrEmploymentQuerySchema, itrFilingPeriodQuerySchema, ITR_RETURN_ID } from "../shared/itr-schemas";
import { createdPolicy, employmentAnswer, filedPolicy, itrPeriodAnswer, limitsAnswer, summaryAnswer } from "./policies/itr";

/** Limits a rule counts against (NITRO_RATE_LIMIT_*): per session, and per the session's number across its sessions. */
export type ProxyLimit =
  | "lookupSession" | "lookupMsisdn" | "lookupSessionDaily" | "lookupMsisdnDaily" | "checkerSession" | "checkerSessionDaily" | "checkerMsisdn" | "checkerMsisdnDaily";

/**
 * The gateway's public API: every call the browser can make through `/api`.
 * Anything not listed here is refused (404, or 405 for a listed path with
 * another method). Public paths mirror the upstream's; `:msisdn` in an upstream
 * path and `msisdn` in a bound body always come from the session, never the client.
 * Every rule has a response policy: what of the upstream's answer reaches the browser.
 */
export interface ProxyRule {
  id: string;
  /** The service operators pause it with (NITRO_PAUSED_SERVICES, POST /admin/services): then 503 `service_paused`. */
  service: ServiceName;
  method: "GET" | "POST";
  /** Public path under /api. `:name` segments must match `params[name]`. */
  path: string;
  /** Path under the base URL; `:msisdn` is the session's number, other `:name`s come from the public path. */
  upstream: string;
  /** Which base URL: NITRO_UPSTREAM_BASE_URL (default), NITRO_DOCUMENTS_BASE_URL or NITRO_ITAX_BASE_URL. */
  base?: "api" | "documents" | "itax";
  params?: Record<string, RegExp>;
  body?: ZodType;
  query?: ZodType;
  /** Sets `msisdn` in the forwarded body from the session. */
  bindMsisdn?: boolean;
  /**
   * Body (or, for a GET, query) fields the gateway fills from the session: the
   * KRA PIN and the number. `:pin` in `upstream` is the session's PIN too; a rule
   * needing a PIN is refused (409 pin_required) for a session without one.
   */
  bind?: { pin?: string; msisdn?: string };
  /** Body fields naming the other party, which may not be the session's own number or PIN (no seller approving their own purchase). */
  otherParty?: { pin?: string; msisdn?: string };
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** What of the answer reaches the browser (policies/); anything else is refused as an upstream error. */
  response: ResponsePolicy;
  /**
   * A body field that may hold a national ID: when it does, the lookup shows that person's name and PIN, so it
   * spends the identity budgets of PIN retrieval before the call and is audited (server/utils/id-disclosure.ts).
   */
  idField?: string;
  /** Rate limits checked before the call; for rules that reveal other taxpayers' data. */
  limits?: readonly ProxyLimit[];
  /**
   * A call that needs the session's own state (server/features/itr.ts): after the match, the switch and the
   * session, the use case reads the body and makes its upstream calls itself, each answer through a policy.
   */
  handledBy?: "itr.limits" | "itr.create" | "itr.summary" | "itr.file";
}

const TIMEOUT_60S = 60_000; // post-sale can take a minute upstream (README: Upstream API, transport)
/** Checkers look up other people's records: per session and per number, a minute and a day. */
const CHECKER_LIMITS: readonly ProxyLimit[] = ["checkerSession", "checkerMsisdn", "checkerSessionDaily", "checkerMsisdnDaily"];

export const proxyRules: readonly ProxyRule[] = [
  {
    id: "buyer.lookup", service: "etims", method: "POST", path: "/buyer-initiated/lookup", upstream: "/buyer-initiated/lookup",
    body: buyerLookupSchema, response: lookupAnswer, limits: ["lookupSession", "lookupMsisdn", "lookupSessionDaily", "lookupMsisdnDaily"],
    idField: "pin_or_id",
  },
  {
    id: "sales-invoice.submit", service: "etims", method: "POST", path: "/post-sale", upstream: "/post-sale",
    body: salesInvoiceSchema, bindMsisdn: true, timeoutMs: TIMEOUT_60S, response: saleAnswer,
  },
  {
    id: "buyer-initiated.submit", service: "etims", method: "POST", path: "/buyer-initiated/submit/invoice",
    upstream: "/buyer-initiated/submit/invoice", body: buyerInitiatedInvoiceSchema, bindMsisdn: true, response: buyerInitiatedAnswer,
    otherParty: { pin: "seller_pin", msisdn: "seller_msisdn" },
  },
  {
    id: "buyer-initiated.list", service: "etims", method: "GET", path: "/buyer-initiated/fetch",
    upstream: "/buyer-initiated/fetch/:msisdn", query: invoiceListQuerySchema, response: invoiceListAnswer,
  },
  {
    id: "buyer-initiated.action", service: "etims", method: "POST", path: "/buyer-initiated/action/submit",
    upstream: "/buyer-initiated/action/submit", body: invoiceActionSchema, bindMsisdn: true, response: actionAnswer,
  },
  {
    id: "credit-note.search", service: "etims", method: "POST", path: "/search/credit-note", upstream: "/search/credit-note",
    body: creditNoteSearchSchema, bindMsisdn: true, response: creditNoteSearchAnswer,
  },
  {
    id: "credit-note.full", service: "etims", method: "POST", path: "/submit/credit-note", upstream: "/submit/credit-note",
    body: fullCreditNoteSchema, bindMsisdn: true, response: creditNoteAnswer,
  },
  {
    id: "credit-note.partial", service: "etims", method: "POST", path: "/submit/partial-credit-note",
    upstream: "/submit/partial-credit-note", body: partialCreditNoteSchema, bindMsisdn: true, response: creditNoteAnswer,
  },
  {
    id: "invoice.pdf", service: "etims", method: "GET", path: "/public/etims/invoice/:invoice/:key",
    upstream: "/public/etims/invoice/:invoice/:key", base: "documents", response: PDF_DOCUMENT,
    params: { invoice: /^[A-Z0-9]{4,32}$/, key: /^[A-Za-z0-9]{8,64}$/ },
  },
  // Returns and payments (issue 10): the PIN and the number always come from the session.
  {
    id: "returns.obligations", service: "returns", method: "GET", path: "/tax-payer-obligations", upstream: "/tax-payer-obligations/:pin",
    response: obligationsAnswer,
  },
  {
    id: "returns.filling-period", service: "returns", method: "POST", path: "/obligation-filling-period", upstream: "/obligation-filling-period",
    body: fillingPeriodSchema, bind: { pin: "pin" }, response: fillingPeriodAnswer,
  },
  {
    id: "returns.file", service: "returns", method: "POST", path: "/file-return", upstream: "/file-return",
    body: fileReturnSchema, bind: { pin: "tax_payer_pin" }, timeoutMs: TIMEOUT_60S, response: fileReturnAnswer,
  },
  {
    id: "returns.liabilities", service: "payments", method: "GET", path: "/tax-payer-liabilities", upstream: "/tax-payer-liabilities",
    query: liabilitiesQuerySchema, bind: { pin: "tax_payer_pin" }, response: liabilitiesAnswer,
  },
  {
    id: "returns.properties", service: "returns", method: "GET", path: "/properties/lookup", upstream: "/properties/lookup/:pin", base: "itax",
    response: propertiesAnswer,
  },
  {
    id: "payments.prn", service: "payments", method: "POST", path: "/generate-prn", upstream: "/generate-prn",
    body: generatePrnSchema, bind: { pin: "tax_payer_pin" }, response: prnAnswer,
  },
  {
    id: "payments.mpesa", service: "payments", method: "POST", path: "/make-payment", upstream: "/make-payment",
    body: makePaymentSchema, bind: { msisdn: "msisdn" }, response: paymentAnswer,
  },
  // Checkers (issue 11, README: Upstream API, checkers) on the iTax base `A`, and the TCC application on `U`.
  {
    id: "checkers.pin", service: "checkers", method: "GET", path: "/taxpayer/pin-checker", upstream: "/taxpayer/pin-checker", base: "itax",
    query: pinCheckerQuerySchema, response: pinCheckerAnswer, limits: CHECKER_LIMITS,
  },
  {
    id: "checkers.staff", service: "checkers", method: "GET", path: "/taxpayer/staff-checker", upstream: "/taxpayer/staff-checker", base: "itax",
    query: staffCheckerQuerySchema, response: staffCheckerAnswer, limits: CHECKER_LIMITS,
  },
  {
    id: "checkers.tcc-validate", service: "checkers", method: "GET", path: "/itax/validate-tcc", upstream: "/itax/validate-tcc", base: "itax",
    query: tccCheckerQuerySchema, response: tccCheckerAnswer, limits: CHECKER_LIMITS,
  },
  {
    id: "checkers.import-certificate", service: "checkers", method: "GET", path: "/taxpayer/import-certificate", upstream: "/taxpayer/import-certificate",
    base: "itax", query: importCertificateQuerySchema, response: importCertificateAnswer, limits: CHECKER_LIMITS,
  },
  {
    id: "checkers.invoice-number", service: "checkers", method: "GET", path: "/invoice-number-checker", upstream: "/invoice-number-checker", base: "itax",
    query: invoiceCheckerQuerySchema, response: invoiceCheckerAnswer, limits: CHECKER_LIMITS,
  },
  // Income tax return for employment income (issue 23, README: Upstream API, ITR) on the iTax base `A`.
  {
    id: "itr.filing-period", service: "returns", method: "GET", path: "/itr/filing-period", upstream: "/obligation-filling-period",
    base: "itax", query: itrFilingPeriodQuerySchema, bind: { pin: "pin" }, response: itrPeriodAnswer,
  },
  {
    id: "itr.employment-income", service: "returns", method: "GET", path: "/itr/employment-income",
    upstream: "/tax-return/itr-employment-details", base: "itax", query: itrEmploymentQuerySchema, bind: { pin: "employee_pin" },
    response: employmentAnswer,
  },
  {
    id: "itr.limits", service: "returns", method: "GET", path: "/itr/limits", upstream: "/settings/itr/config", base: "itax",
    handledBy: "itr.limits", response: limitsAnswer,
  },
  {
    id: "itr.create", service: "returns", method: "POST", path: "/itr/returns", upstream: "/tax-return/itr-create", base: "itax",
    body: itrCreateSchema, handledBy: "itr.create", response: createdPolicy,
  },
  {
    id: "itr.summary", service: "returns", method: "GET", path: "/itr/returns/:id/summary", upstream: "/tax-return/itr-summary/:id",
    base: "itax", params: { id: ITR_RETURN_ID }, handledBy: "itr.summary", response: summaryAnswer,
  },
  {
    id: "itr.file", service: "returns", method: "POST", path: "/itr/returns/:id/file", upstream: "/tax-return/create", base: "itax",
    params: { id: ITR_RETURN_ID }, handledBy: "itr.file", response: filedPolicy,
  },
  {
    id: "tcc.apply", service: "checkers", method: "POST", path: "/tcc-application", upstream: "/tcc-application",
    body: tccApplicationSchema, bind: { pin: "tax_payer_pin" }, response: tccApplicationAnswer,
  },
];

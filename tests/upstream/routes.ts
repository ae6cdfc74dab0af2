import { actOnBuyerInitiated, fetchBuyerInitiated, submitBuyerInitiated } from "./buyer-initiated";
import { applyForTcc, checkImportCertificate, checkInvoiceNumber, checkPin, checkStaff, validateTcc } from "./checkers";
import type { Handler } from "./context";
import { searchCreditNote, submitFullCreditNote, submitPartialCreditNote } from "./credit-notes";
import { serveDocument } from "./document-route";
import { init, sendOtp, validateOtp } from "./identity";
import { fillingPeriod, listObligations } from "./obligations";
import { generatePrn, listLiabilities, lookupProperties, makePayment } from "./payments";
import { fileReturn } from "./returns";
import { createItr, employmentDetails, fileItr, itrConfig, itrFillingPeriod, itrSummary } from "./itr";
import { lookupParty, postSale } from "./sales";
import { idLookup, registerPin, registerTaxPayer } from "./signup";

export const USSD_PREFIX = "/api/ussd";
/** iTax base (UPSTREAM.md §0 `A`). */
export const ITAX_PREFIX = "/api";

export interface Route {
  method: string;
  /** Exact path, or a pattern whose groups become `params`. */
  path: string | RegExp;
  /** "tax": Bearer token (and x-api-key when configured) required. */
  access: "open" | "tax";
  takesJson: boolean;
  handle: Handler;
}

const post = (path: string, access: Route["access"], handle: Handler): Route =>
  ({ method: "POST", path: `${USSD_PREFIX}${path}`, access, takesJson: true, handle });

const get = (path: string | RegExp, handle: Handler): Route =>
  ({ method: "GET", path: typeof path === "string" ? `${USSD_PREFIX}${path}` : path, access: "tax", takesJson: false, handle });

/** iTax checkers (UPSTREAM.md §7.1): no token needed. */
const checker = (path: string, handle: Handler): Route =>
  ({ method: "GET", path: `${ITAX_PREFIX}${path}`, access: "open", takesJson: false, handle });

/** A tax route on the iTax base `A`. */
const itax = (method: "GET" | "POST", path: string | RegExp, handle: Handler): Route =>
  ({ method, path: typeof path === "string" ? `${ITAX_PREFIX}${path}` : path, access: "tax", takesJson: method === "POST", handle });

const DOCUMENT_PATH = /^\/public\/etims\/invoice\/([^/]+)\/([^/]+)$/;

export const ROUTES: Route[] = [
  post("/init", "open", init),
  post("/otp", "open", sendOtp),
  post("/validate-otp", "open", validateOtp),
  // Sign-up and PIN services (issue 11): called by the gateway server to server, without a Bearer.
  post("/id-lookup", "open", idLookup),
  post("/register-tax-payer", "open", registerTaxPayer),
  post("/pin-registration", "open", registerPin),
  post("/buyer-initiated/lookup", "tax", lookupParty),
  post("/post-sale", "tax", postSale),
  post("/buyer-initiated/submit/invoice", "tax", submitBuyerInitiated),
  post("/buyer-initiated/action/submit", "tax", actOnBuyerInitiated),
  post("/search/credit-note", "tax", searchCreditNote),
  post("/submit/credit-note", "tax", submitFullCreditNote),
  post("/submit/partial-credit-note", "tax", submitPartialCreditNote),
  {
    method: "GET",
    path: /^\/api\/ussd\/buyer-initiated\/fetch\/([^/]+)$/,
    access: "tax",
    takesJson: false,
    handle: fetchBuyerInitiated,
  },
  get(/^\/api\/ussd\/tax-payer-obligations\/([^/]+)$/, listObligations),
  post("/obligation-filling-period", "tax", fillingPeriod),
  post("/file-return", "tax", fileReturn),
  get("/tax-payer-liabilities", listLiabilities),
  get(/^\/api\/properties\/lookup\/([^/]+)$/, lookupProperties),
  post("/generate-prn", "tax", generatePrn),
  post("/make-payment", "tax", makePayment),
  checker("/taxpayer/pin-checker", checkPin),
  checker("/taxpayer/staff-checker", checkStaff),
  checker("/itax/validate-tcc", validateTcc),
  checker("/taxpayer/import-certificate", checkImportCertificate),
  checker("/invoice-number-checker", checkInvoiceNumber),
  post("/tcc-application", "tax", applyForTcc),
  // ITR (issue 23; UPSTREAM.md rows 24, 33–38) on the iTax base, with the Bearer like the other tax routes.
  itax("GET", "/obligation-filling-period", itrFillingPeriod),
  itax("GET", "/settings/itr/config", itrConfig),
  itax("GET", "/tax-return/itr-employment-details", employmentDetails),
  itax("POST", "/tax-return/itr-create", createItr),
  itax("GET", /^\/api\/tax-return\/itr-summary\/([^/]+)$/, itrSummary),
  itax("POST", "/tax-return/create", fileItr),
  // Documents check their own Bearer: only sales-invoice PDFs are private.
  { method: "GET", path: DOCUMENT_PATH, access: "open", takesJson: false, handle: serveDocument },
  { method: "HEAD", path: DOCUMENT_PATH, access: "open", takesJson: false, handle: serveDocument },
];

export interface RouteMatch {
  route: Route;
  params: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    if (route.path === path) return { route, params: [] };
    const groups = typeof route.path === "string" ? null : route.path.exec(path);
    if (groups) return { route, params: groups.slice(1) };
  }
  return undefined;
}

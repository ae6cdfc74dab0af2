// The one place the returns and payments answers' quirks are read (README: Upstream API, returns and payments).
// Each reader parses the answer with its schema (server/shared/returns-answers.ts, the same the proxy applies as the
// rule's response policy), then tells the forms apart; shared by the UI, the server and the tests. Each success form
// is recognised explicitly, by name. An answer its schema refuses reads as empty: no success form, no text.
import type { z, ZodType } from "zod";
import {
  fileReturnBody, fillingPeriodBody, liabilitiesBody, obligationsBody, paymentBody, prnBody, propertiesBody, returnsRefusalBody,
} from "./returns-answers";
import { KNOWN_OBLIGATIONS } from "./obligations";

// The obligation ids are in obligations.ts, which a page can import without these readers (and zod).
export { AHL, ITR, KNOWN_OBLIGATIONS, MRI, NIL_OBLIGATIONS, NITA, TOT, VAT } from "./obligations";

/** The answer as its schema keeps it (texts filtered, codes as strings), or nothing when the schema refuses it. */
export function parseWith<S extends ZodType>(schema: S, answer: unknown): Partial<z.output<S>> {
  const parsed = schema.safeParse(answer);
  return parsed.success ? (parsed.data as z.output<S>) : {};
}

export const str = (value: unknown): string | undefined =>
  (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined);
export const num = (value: unknown): number | undefined => {
  const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** The refusal text, in the order the apps read it: `ErrorCode`, `Message`, `message`, `errors.detail`. */
export function refusalText(answer: unknown): string | undefined {
  const body = parseWith(returnsRefusalBody, answer);
  return str(body.ErrorCode) ?? str(body.Message) ?? str(body.message) ?? str(body.errors?.detail);
}

export type FilingSuccessForm = "code" | "success" | "response-status" | "response-code" | "prn-tax-due";

/** Which of file-return's success forms (README: Upstream API, returns and payments) an answer is, or null for none (a refusal, even with a 2xx). */
export function filingSuccessForm(answer: unknown): FilingSuccessForm | null {
  const body = parseWith(fileReturnBody, answer);
  const response = body.response ?? {};
  if (body.code === 1 || body.code === 200) return "code";
  if (body.success === true) return "success";
  if (response.Status === "OK") return "response-status";
  if (response.ResponseCode === "87000" || response.ResponseCode === "88000") return "response-code"; // TOT, MRI
  if (str(body.prn) && num(body.tax_due) !== undefined) return "prn-tax-due"; // TOT daily
  return null;
}

export interface Filing { ack?: string; prn?: string; taxDue?: number; message?: string }
export type Outcome<T> = { ok: true; value: T } | { ok: false; message?: string };

export function readFiling(answer: unknown): Outcome<Filing> {
  if (!filingSuccessForm(answer)) return { ok: false, message: refusalText(answer) };
  const body = parseWith(fileReturnBody, answer);
  const response = body.response ?? {};
  return {
    ok: true,
    value: {
      ack: str(response.AckNumber) ?? str(body.receipt_number) ?? str(body.kra_account_number),
      prn: str(response.PRN) ?? str(body.prn),
      taxDue: num(response.TaxPayable) ?? num(body.tax_due),
      message: str(response.Message) ?? str(body.message),
    },
  };
}

/** `calc_only`: the tax from `tax_due`, `total_tax` or `total_amount`. */
export function readCalculation(answer: unknown): Outcome<number> {
  const body = parseWith(fileReturnBody, answer);
  const tax = num(body.tax_due) ?? num(body.total_tax) ?? num(body.total_amount);
  return tax === undefined ? { ok: false, message: refusalText(answer) } : { ok: true, value: tax };
}

export interface Obligation { id: string; name: string }

/** A bare list, or `{obligations}`; each item's id from `obligation_id`, `id` or `kra_obligation_id`. */
export function readObligations(answer: unknown): Outcome<Obligation[]> {
  const parsed = obligationsBody.safeParse(answer);
  const list = !parsed.success ? undefined : Array.isArray(parsed.data) ? parsed.data : parsed.data.obligations;
  if (!Array.isArray(list)) return { ok: false, message: refusalText(answer) };
  const items = list.map((item) => ({
    id: str(item.obligation_id) ?? str(item.id) ?? str(item.kra_obligation_id) ?? "",
    name: str(item.obligation_name) ?? str(item.name) ?? str(item.obligation_short_name) ?? str(item.description) ?? "",
  }));
  return { ok: true, value: items.filter((item) => KNOWN_OBLIGATIONS.has(item.id)) };
}

export interface Period { from: string; to: string; text: string }

/** `status:"OK"` with `trpFromDate`/`trpToDate`, or `periods:["DD/MM/YYYY - DD/MM/YYYY"]`. */
export function readPeriod(answer: unknown): Outcome<Period> {
  const body = parseWith(fillingPeriodBody, answer);
  const from = str(body.trpFromDate);
  const to = str(body.trpToDate);
  if (body.status === "OK" && from && to) return { ok: true, value: { from, to, text: `${from} - ${to}` } };
  const listed = str(body.periods?.[0]);
  const parts = listed?.split(" - ");
  if (parts?.length === 2) return { ok: true, value: { from: parts[0], to: parts[1], text: listed! } };
  return { ok: false, message: refusalText(answer) };
}

export interface Liability {
  from: string; to: string; principal: number; penalty: number; interest: number; fine: number; total: number;
}

/** `Status:"OK"` or `ResponseCode` 30000; `LiabilitiesList` may be empty. */
export function readLiabilities(answer: unknown): Outcome<Liability[]> {
  const body = parseWith(liabilitiesBody, answer);
  return confirmedList(answer, body, "30000", body.LiabilitiesList, (item) => ({
    from: str(item.TaxPeriodFrom) ?? "", to: str(item.TaxPeriodTo) ?? "",
    principal: num(item.PrincipalAmount) ?? 0, penalty: num(item.PenaltyAmount) ?? 0,
    interest: num(item.InterestAmount) ?? 0, fine: num(item.FineAmount) ?? 0, total: num(item.TotalAmount) ?? 0,
  }));
}

/** A list answer confirmed by `Status:"OK"` or its own `ResponseCode` (the list may be empty), else its refusal text. */
function confirmedList<I, T>(
  answer: unknown, body: { Status?: string; ResponseCode?: string }, code: string, list: I[] | null | undefined, read: (item: I) => T,
): Outcome<T[]> {
  if (body.Status !== "OK" && body.ResponseCode !== code) return { ok: false, message: refusalText(answer) };
  return { ok: true, value: (list ?? []).map(read) };
}

export interface Property { id: string; building: string; locality: string; lrNo: string; units: string }

/** `Status:"OK"` or `ResponseCode` 20000. */
export function readProperties(answer: unknown): Outcome<Property[]> {
  const body = parseWith(propertiesBody, answer);
  return confirmedList(answer, body, "20000", body.PropertiesList, (item) => ({
    id: str(item.PropertyRegId) ?? "", building: str(item.Building) ?? "", locality: str(item.LocalityStr) ?? "",
    lrNo: str(item.lrNo) ?? "", units: str(item.UnitsEst) ?? "",
  }));
}

/** A PRN from `PaymentRegNo` (with `Status:"OK"` or `ResponseCode` 50000) or a bare lowercase `prn`. */
export function readPrn(answer: unknown): Outcome<string> {
  const body = parseWith(prnBody, answer);
  const confirmed = body.Status === "OK" || body.ResponseCode === "50000";
  const prn = (confirmed ? str(body.PaymentRegNo) : undefined) ?? str(body.prn);
  return prn ? { ok: true, value: prn } : { ok: false, message: refusalText(answer) ?? str(body.ResponseMsg) };
}

/** make-payment: `status` 200 or `desc` "ok"; any other 2xx is not a push. */
export function readPayment(answer: unknown): Outcome<string | undefined> {
  const body = parseWith(paymentBody, answer);
  const pushed = body.status === 200 || body.status === "200" || str(body.desc)?.toLowerCase() === "ok";
  return pushed ? { ok: true, value: str(body.message) } : { ok: false, message: refusalText(answer) };
}

/** PRN dates: the filing period's DD/MM/YYYY becomes DD-MM-YYYY for AHL and NITA (41, 42). */
export function prnDate(obligationId: string, date: string): string {
  return obligationId === "41" || obligationId === "42" ? date.replace(/\//g, "-") : date.replace(/-/g, "/");
}

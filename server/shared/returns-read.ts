// The one place the returns and payments answers' quirks are read (README: Upstream API, returns and payments),
// with no zod: what the pages import. The answers a page receives already passed the proxy's response policy
// (the zod schemas of returns-answers.ts: texts filtered, unknown fields dropped), so the browser only checks
// their shape, with the small checks below, which mirror those schemas (tests/unit/returns-read.test.ts holds
// both to the same verdicts on the recorded and simulated answers). The server's readers (returns.ts) run the
// same reading on the answer as the zod schema keeps it. Each success form is recognised explicitly, by name.
// An answer its shape refuses reads as empty: no success form, no text.
import type { z } from "zod";
import type {
  fileReturnBody, fillingPeriodBody, liabilitiesBody, obligationsBody, paymentBody, prnBody, propertiesBody, returnsRefusalBody,
} from "./returns-answers";
import { KNOWN_OBLIGATIONS } from "./obligations";
import { either, isAnyText, isBoolean, isInteger, isList, isNumber, isObject, isText, nullish, optional, type Check } from "./narrow";

/** What a reader gets: the answer as its shape keeps it (zod's output is also a valid input), or nothing. */
type Kept<S extends z.ZodType> = Partial<z.input<S>>;

/** How the readers get an answer's fields: zod's parse on the server (returns.ts), the checks below in the browser. */
export interface ReturnsShapes {
  refusal(answer: unknown): Kept<typeof returnsRefusalBody>;
  obligations(answer: unknown): z.input<typeof obligationsBody> | undefined;
  fillingPeriod(answer: unknown): Kept<typeof fillingPeriodBody>;
  fileReturn(answer: unknown): Kept<typeof fileReturnBody>;
  liabilities(answer: unknown): Kept<typeof liabilitiesBody>;
  properties(answer: unknown): Kept<typeof propertiesBody>;
  prn(answer: unknown): Kept<typeof prnBody>;
  payment(answer: unknown): Kept<typeof paymentBody>;
}

export const str = (value: unknown): string | undefined =>
  (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined);
export const num = (value: unknown): number | undefined => {
  const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};
/** A code as the schemas keep it (`87000` and `"87000"` alike), untrimmed. */
const codeOf = (value: string | number | undefined): string | undefined => (value === undefined ? undefined : String(value));

export type FilingSuccessForm = "code" | "success" | "response-status" | "response-code" | "prn-tax-due";
export interface Filing { ack?: string; prn?: string; taxDue?: number; message?: string }
export type Outcome<T> = { ok: true; value: T } | { ok: false; message?: string };
export interface Obligation { id: string; name: string }
export interface Period { from: string; to: string; text: string }
export interface Liability {
  from: string; to: string; principal: number; penalty: number; interest: number; fine: number; total: number;
}
export interface Property { id: string; building: string; locality: string; lrNo: string; units: string }

/** The readers, over one way of getting the answers' fields. */
export function returnsReaders(shapes: ReturnsShapes) {
  /** The refusal text, in the order the apps read it: `ErrorCode`, `Message`, `message`, `errors.detail`. */
  function refusalText(answer: unknown): string | undefined {
    const body = shapes.refusal(answer);
    return str(body.ErrorCode) ?? str(body.Message) ?? str(body.message) ?? str(body.errors?.detail);
  }

  /** Which of file-return's success forms an answer is, or null for none (a refusal, even with a 2xx). */
  function filingSuccessForm(answer: unknown): FilingSuccessForm | null {
    const body = shapes.fileReturn(answer);
    const response = body.response ?? {};
    const responseCode = codeOf(response.ResponseCode);
    if (body.code === 1 || body.code === 200) return "code";
    if (body.success === true) return "success";
    if (response.Status === "OK") return "response-status";
    if (responseCode === "87000" || responseCode === "88000") return "response-code"; // TOT, MRI
    if (str(body.prn) && num(body.tax_due) !== undefined) return "prn-tax-due"; // TOT daily
    return null;
  }

  function readFiling(answer: unknown): Outcome<Filing> {
    if (!filingSuccessForm(answer)) return { ok: false, message: refusalText(answer) };
    const body = shapes.fileReturn(answer);
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
  function readCalculation(answer: unknown): Outcome<number> {
    const body = shapes.fileReturn(answer);
    const tax = num(body.tax_due) ?? num(body.total_tax) ?? num(body.total_amount);
    return tax === undefined ? { ok: false, message: refusalText(answer) } : { ok: true, value: tax };
  }

  /** A bare list, or `{obligations}`; each item's id from `obligation_id`, `id` or `kra_obligation_id`. */
  function readObligations(answer: unknown): Outcome<Obligation[]> {
    const body = shapes.obligations(answer);
    const list = body === undefined ? undefined : Array.isArray(body) ? body : body.obligations;
    if (!Array.isArray(list)) return { ok: false, message: refusalText(answer) };
    const items = list.map((item) => ({
      id: str(item.obligation_id) ?? str(item.id) ?? str(item.kra_obligation_id) ?? "",
      name: str(item.obligation_name) ?? str(item.name) ?? str(item.obligation_short_name) ?? str(item.description) ?? "",
    }));
    return { ok: true, value: items.filter((item) => KNOWN_OBLIGATIONS.has(item.id)) };
  }

  /** `status:"OK"` with `trpFromDate`/`trpToDate`, or `periods:["DD/MM/YYYY - DD/MM/YYYY"]`. */
  function readPeriod(answer: unknown): Outcome<Period> {
    const body = shapes.fillingPeriod(answer);
    const from = str(body.trpFromDate);
    const to = str(body.trpToDate);
    if (body.status === "OK" && from && to) return { ok: true, value: { from, to, text: `${from} - ${to}` } };
    const listed = str(body.periods?.[0]);
    const parts = listed?.split(" - ");
    if (parts?.length === 2) return { ok: true, value: { from: parts[0], to: parts[1], text: listed! } };
    return { ok: false, message: refusalText(answer) };
  }

  /** A list answer confirmed by `Status:"OK"` or its own `ResponseCode` (the list may be empty), else its refusal text. */
  function confirmedList<I, T>(
    answer: unknown, body: { Status?: string; ResponseCode?: string | number }, code: string, list: I[] | null | undefined, read: (item: I) => T,
  ): Outcome<T[]> {
    if (body.Status !== "OK" && codeOf(body.ResponseCode) !== code) return { ok: false, message: refusalText(answer) };
    return { ok: true, value: (list ?? []).map(read) };
  }

  /** `Status:"OK"` or `ResponseCode` 30000; `LiabilitiesList` may be empty. */
  function readLiabilities(answer: unknown): Outcome<Liability[]> {
    const body = shapes.liabilities(answer);
    return confirmedList(answer, body, "30000", body.LiabilitiesList, (item) => ({
      from: str(item.TaxPeriodFrom) ?? "", to: str(item.TaxPeriodTo) ?? "",
      principal: num(item.PrincipalAmount) ?? 0, penalty: num(item.PenaltyAmount) ?? 0,
      interest: num(item.InterestAmount) ?? 0, fine: num(item.FineAmount) ?? 0, total: num(item.TotalAmount) ?? 0,
    }));
  }

  /** `Status:"OK"` or `ResponseCode` 20000. */
  function readProperties(answer: unknown): Outcome<Property[]> {
    const body = shapes.properties(answer);
    return confirmedList(answer, body, "20000", body.PropertiesList, (item) => ({
      id: str(item.PropertyRegId) ?? "", building: str(item.Building) ?? "", locality: str(item.LocalityStr) ?? "",
      lrNo: str(item.lrNo) ?? "", units: str(item.UnitsEst) ?? "",
    }));
  }

  /** A PRN from `PaymentRegNo` (with `Status:"OK"` or `ResponseCode` 50000) or a bare lowercase `prn`. */
  function readPrn(answer: unknown): Outcome<string> {
    const body = shapes.prn(answer);
    const confirmed = body.Status === "OK" || codeOf(body.ResponseCode) === "50000";
    const prn = (confirmed ? str(body.PaymentRegNo) : undefined) ?? str(body.prn);
    return prn ? { ok: true, value: prn } : { ok: false, message: refusalText(answer) ?? str(body.ResponseMsg) };
  }

  /** make-payment: `status` 200 or `desc` "ok"; any other 2xx is not a push. */
  function readPayment(answer: unknown): Outcome<string | undefined> {
    const body = shapes.payment(answer);
    const pushed = body.status === 200 || body.status === "200" || str(body.desc)?.toLowerCase() === "ok";
    return pushed ? { ok: true, value: str(body.message) } : { ok: false, message: refusalText(answer) };
  }

  return {
    refusalText, filingSuccessForm, readFiling, readCalculation, readObligations, readPeriod, readLiabilities, readProperties, readPrn, readPayment,
  };
}

export { prnDate } from "./obligations";

// The shapes of returns-answers.ts, as checks (same fields, kinds and length limits; upstream texts any length).
const text = (max: number) => isText(max);
// A code is a text or a number; the proxy sends a number as its text (`String`), which may pass 20 characters.
const code = either(isText(20), isNumber, (value) => typeof value === "string" && String(Number(value)) === value);
const money = either(isNumber, isText(30));
const refusalFields = {
  ErrorCode: optional(isAnyText),
  Message: optional(isAnyText),
  message: optional(isAnyText),
  errors: optional(isObject({ detail: optional(isAnyText) })),
  Status: optional(text(20)),
  code: optional(isInteger),
};
const answerOf = (fields: Record<string, Check>) => isObject({ ...refusalFields, ...fields });
const obligationItem = isObject({
  obligation_id: optional(code), id: optional(code), kra_obligation_id: optional(code), obligation_code: optional(code),
  obligation_name: optional(text(200)), name: optional(text(200)), obligation_short_name: optional(text(60)), description: optional(text(200)),
});
const liability = isObject(Object.fromEntries(
  ["TaxPeriodFrom", "TaxPeriodTo"].map((key) => [key, nullish(text(20))])
    .concat(["PrincipalAmount", "PenaltyAmount", "InterestAmount", "FineAmount", "TotalAmount"].map((key) => [key, nullish(money)])),
));
const property = isObject({
  Building: nullish(text(200)), LocalityStr: nullish(text(200)), PropertyRegId: nullish(text(60)),
  UnitsEst: nullish(either(text(20), isNumber)), lrNo: nullish(text(100)),
});

/** The browser's checks, by answer (exported for the test that holds them to the zod schemas). */
export const RETURNS_CHECKS = {
  refusal: answerOf({}),
  obligations: either(isList(obligationItem, 100), answerOf({ obligations: optional(isList(obligationItem, 100)) })),
  fillingPeriod: answerOf({
    status: nullish(text(20)), description: nullish(isAnyText), trpFromDate: optional(text(10)), trpToDate: optional(text(10)),
    periods: optional(isList(text(30), 24)),
  }),
  fileReturn: answerOf({
    success: optional(isBoolean),
    response: optional(isObject({
      Status: optional(text(20)), ResponseCode: optional(code), Message: optional(isAnyText),
      AckNumber: nullish(text(100)), PRN: nullish(text(40)), TaxPayable: nullish(money),
    })),
    kra_account_number: nullish(text(60)), receipt_number: nullish(text(100)), prn: nullish(text(40)),
    tax_due: nullish(money), total_tax: nullish(money), total_amount: nullish(money),
  }),
  liabilities: answerOf({
    ResponseCode: optional(code), ResponseMsg: optional(isAnyText), ObligationId: optional(code), LiabilitiesList: nullish(isList(liability, 500)),
  }),
  properties: answerOf({ ResponseCode: optional(code), ResponseMsg: optional(isAnyText), PropertiesList: nullish(isList(property, 200)) }),
  prn: answerOf({
    ResponseCode: optional(code), ResponseMsg: optional(isAnyText), PaymentRegNo: nullish(text(40)), prn: nullish(text(40)), Amount: nullish(money),
  }),
  payment: answerOf({ status: optional(either(isInteger, text(20))), desc: optional(isAnyText) }),
} satisfies Record<keyof ReturnsShapes, Check>;

/** The answer itself when it has the shape, else nothing (read as empty). */
const kept = (check: Check) => (answer: unknown) => (check(answer) ? answer : {}) as never;

export const {
  refusalText, filingSuccessForm, readFiling, readCalculation, readObligations, readPeriod, readLiabilities, readProperties, readPrn, readPayment,
} = returnsReaders({
  refusal: kept(RETURNS_CHECKS.refusal),
  obligations: (answer) => (RETURNS_CHECKS.obligations(answer) ? answer as z.input<typeof obligationsBody> : undefined),
  fillingPeriod: kept(RETURNS_CHECKS.fillingPeriod),
  fileReturn: kept(RETURNS_CHECKS.fileReturn),
  liabilities: kept(RETURNS_CHECKS.liabilities),
  properties: kept(RETURNS_CHECKS.properties),
  prn: kept(RETURNS_CHECKS.prn),
  payment: kept(RETURNS_CHECKS.payment),
});

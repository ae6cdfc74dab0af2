import type { RequestContext } from "./context";
import { parseKraDate, compareDays, type DateSeparator } from "./kra-dates";
import { normalizeMsisdn } from "./msisdn";
import { internalServerError, taxReply, type Reply } from "./reply";
import { forcedRefusal, INVALID_PIN, NOT_REGISTERED_FOR_OBLIGATION, refusal } from "./refusals";
import { OBLIGATION } from "./returns-fixtures";
import { generatePrnBody, makePaymentBody } from "./returns-schemas";
import type { SuccessForms } from "./types";

type ItaxForm = "full" | "status-ok" | "response-code";

/** iTax's success signal: `Status:"OK"`, `ResponseCode`, or both (as gui-lookup was recorded). */
function itaxSuccess(form: ItaxForm, responseCode: string, fields: object): object {
  if (form === "status-ok") return { Status: "OK", ...fields };
  if (form === "response-code") return { ResponseCode: responseCode, ...fields };
  return { ResponseCode: responseCode, Status: "OK", ...fields };
}

/** GET /tax-payer-liabilities?obligation_id=&tax_payer_pin= (UPSTREAM.md §7.5). */
export function listLiabilities({ query, state }: RequestContext): Reply {
  const pin = query.tax_payer_pin ?? "";
  const obligationId = query.obligation_id ?? "";
  const rule = state.forms.take("tax-payer-liabilities", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  if (!obligationId) return refusal("Message", "Obligation is required");
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("Message", INVALID_PIN);
  const list = found.profile.liabilities[obligationId] ?? [];
  return taxReply(itaxSuccess(rule?.success ?? "full", "30000", {
    ResponseMsg: list.length > 0 ? "Liabilities found" : "No liabilities found",
    PinNo: found.party.pin, ObligationId: obligationId, LiabilitiesList: list,
  }));
}

/** GET A/properties/lookup/:pin (UPSTREAM.md §7.6): the landlord's rental properties. */
export function lookupProperties({ params, state }: RequestContext): Reply {
  const pin = decodeURIComponent(params[0] ?? "");
  const rule = state.forms.take("properties-lookup", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("Message", INVALID_PIN);
  const list = found.profile.properties;
  return taxReply(itaxSuccess(rule?.success ?? "full", "20000", {
    ResponseMsg: list.length > 0 ? "Properties found" : "No properties found", PropertiesList: list,
  }));
}

// UPSTREAM.md §7.7: AHL/NITA callers send DD-MM-YYYY, TOT/MRI callers the filing period's DD/MM/YYYY.
const PRN_DATE_SEPARATOR: Record<string, DateSeparator> = {
  [OBLIGATION.AHL]: "-", [OBLIGATION.NITA]: "-", [OBLIGATION.TOT]: "/", [OBLIGATION.MRI]: "/",
};

/** The reason a PRN's tax period is refused, or undefined. Other obligations take either format. */
function prnPeriodProblem(obligationId: string, fromText: string, toText: string): string | undefined {
  const required = PRN_DATE_SEPARATOR[obligationId];
  const separators: DateSeparator[] = required ? [required] : ["-", "/"];
  const parse = (text: string) => separators.map((separator) => parseKraDate(text, separator)).find(Boolean);
  const from = parse(fromText);
  const to = parse(toText);
  if (!from || !to) return `Invalid tax period date format, expected ${required === "/" ? "DD/MM/YYYY" : "DD-MM-YYYY"}`;
  return compareDays(from, to) > 0 ? "Tax period from is after tax period to" : undefined;
}

/** POST /generate-prn (UPSTREAM.md §7.7): a payment registration number for a whole-shilling amount. */
export function generatePrn({ body, state }: RequestContext): Reply {
  const parsed = generatePrnBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const { tax_payer_pin: pin, obligation_id: obligationId, amount } = parsed.data;
  const rule = state.forms.take("generate-prn", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("Message", INVALID_PIN);
  if (!found.profile.obligations.includes(obligationId)) return refusal("Message", NOT_REGISTERED_FOR_OBLIGATION);
  const problem = prnPeriodProblem(obligationId, parsed.data.tax_period_from, parsed.data.tax_period_to);
  if (problem) return refusal("Message", problem);
  if (!/^[1-9]\d*$/.test(amount)) return refusal("Message", "Invalid amount");
  const prn = state.returns.issuePrn(found.party.pin, obligationId, Number(amount));
  return taxReply(prnAnswer(rule?.success ?? "full", prn, Number(amount)));
}

const PRN_MESSAGE = "PRN generated successfully";

function prnAnswer(form: SuccessForms["generate-prn"], prn: string, amount: number): object {
  if (form === "prn") return { prn };
  return itaxSuccess(form, "50000", { ResponseMsg: PRN_MESSAGE, PaymentRegNo: prn, Amount: amount });
}

const KENYAN_MOBILE = /^254[17]\d{8}$/;

/** POST /make-payment (UPSTREAM.md §7.8): an M-Pesa push for a PRN to a number. */
export function makePayment({ body, state }: RequestContext): Reply {
  const parsed = makePaymentBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const record = state.returns.findPrn(parsed.data.prn.trim());
  const rule = state.forms.take("make-payment", record?.pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const msisdn = normalizeMsisdn(parsed.data.msisdn);
  if (!KENYAN_MOBILE.test(msisdn)) return refusal("message", "Invalid phone number");
  if (!record) return refusal("message", "Invalid PRN");
  state.returns.pushes.push({ prn: record.prn, msisdn, amount: record.amount });
  return taxReply(paymentAnswer(rule?.success ?? "full", `${state.baseUrl}/checkout/${record.prn}`));
}

const PUSH_SENT = "Payment request sent. Enter your M-Pesa PIN to complete the payment.";

function paymentAnswer(form: SuccessForms["make-payment"], checkoutUrl: string): object {
  const fields = { message: PUSH_SENT, checkout_url: checkoutUrl };
  if (form === "status-200") return { status: 200, ...fields };
  if (form === "desc-ok") return { desc: "ok", ...fields };
  return { status: 200, desc: "ok", ...fields };
}

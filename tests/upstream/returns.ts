import type { RequestContext } from "./context";
import { formatKraDate, isWholeMonth, parseKraDate, parsePeriod, type DayDate } from "./kra-dates";
import { internalServerError, taxReply, type Reply } from "./reply";
import { forcedRefusal, INVALID_PIN, NOT_REGISTERED_FOR_OBLIGATION, refusal } from "./refusals";
import { OBLIGATION } from "./returns-fixtures";
import { isCalcOnly, mriReturnBody, nilReturnBody, totReturnBody } from "./returns-schemas";
import type { UpstreamState } from "./state";
import type { SuccessForms } from "./types";

// Tax rates the simulator applies: TOT 1.5 % of gross sales, MRI 7.5 % of rent.
const RATES: Record<string, number> = { [OBLIGATION.TOT]: 0.015, [OBLIGATION.MRI]: 0.075 };
const FILED = "Return filed successfully";

type Kind = "nil" | "tot-monthly" | "tot-daily" | "mri";

/** A file-return body whose values passed the checks. */
interface ReturnFiling {
  kind: Kind;
  pin: string;
  obligationId: string;
  from: DayDate;
  to: DayDate;
  tax?: number;
}

type FileForm = SuccessForms["file-return"];
type Outcome = { filing: ReturnFiling } | { problem: string };

/** POST /file-return (UPSTREAM.md §7.4): NIL, TOT and MRI returns, and `calc_only` calculations. */
export function fileReturn({ body, state }: RequestContext): Reply {
  if (isCalcOnly(body.calc_only)) return calculate(body, state);
  const outcome = checkReturn(body, state);
  if (!outcome) return internalServerError();
  const pin = "filing" in outcome ? outcome.filing.pin : String(body.tax_payer_pin);
  const rule = state.forms.take("file-return", pin, (candidate) => !candidate.success || fits(candidate.success, outcome));
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  if ("problem" in outcome) return refusal("ErrorCode", outcome.problem);
  return file(state, outcome.filing, rule?.success ?? defaultForm(outcome.filing));
}

/** The body's return, refused with a reason, or undefined for a shape the upstream cannot read. */
function checkReturn(body: Record<string, unknown>, state: UpstreamState): Outcome | undefined {
  if (body.returnType === "nil_return") return checkNil(body, state);
  // The older shapes (returnType mri_return/tot_return, rental_income, gross_sales) got Phoenix's 500.
  if (body.returnType !== undefined) return undefined;
  const obligationId = String(body.kra_obligation_id);
  return obligationId === OBLIGATION.TOT || obligationId === OBLIGATION.MRI ? checkTaxed(body, state) : undefined;
}

function checkNil(body: Record<string, unknown>, state: UpstreamState): Outcome | undefined {
  const parsed = nilReturnBody.safeParse(body);
  if (!parsed.success) return undefined;
  const { tax_payer_pin: pin, kra_obligation_id: obligationId, obligation_code: code, returnPeriod } = parsed.data;
  const period = parsePeriod(returnPeriod);
  if (!period) return { problem: "Invalid return period, expected DD/MM/YYYY - DD/MM/YYYY" };
  if (code !== obligationId) return { problem: "Obligation code does not match the obligation" };
  return registeredAndUnfiled(state, { kind: "nil", pin, obligationId, ...period });
}

function checkTaxed(body: Record<string, unknown>, state: UpstreamState): Outcome | undefined {
  const tot = totReturnBody.safeParse(body);
  const mri = mriReturnBody.safeParse(body);
  const data = tot.success ? tot.data : mri.success ? mri.data : undefined;
  if (!data) return undefined;
  const kind: Kind = tot.success ? (tot.data.filingCycle === "D" ? "tot-daily" : "tot-monthly") : "mri";
  const from = parseKraDate(data.start_date, "/");
  const to = parseKraDate(data.end_date, "/");
  if (!from || !to) return { problem: "Invalid date format, expected DD/MM/YYYY" };
  const period = kind === "tot-daily" ? formatKraDate(from) === formatKraDate(to) : isWholeMonth(from, to);
  if (!period) return { problem: "Invalid return period" };
  if (mri.success && !/^[1-9]\d*$/.test(mri.data.total_properties)) return { problem: "Invalid number of properties" };
  const tax = taxOn(data.kra_obligation_id, data.taxable_amount);
  if (tax === undefined) return { problem: "Invalid taxable amount" };
  return registeredAndUnfiled(state, { kind, pin: data.tax_payer_pin, obligationId: data.kra_obligation_id, from, to, tax });
}

function registeredAndUnfiled(state: UpstreamState, filing: ReturnFiling): Outcome {
  const found = state.taxpayers.findByPin(filing.pin);
  if (!found) return { problem: INVALID_PIN };
  if (!found.profile.obligations.includes(filing.obligationId)) return { problem: NOT_REGISTERED_FOR_OBLIGATION };
  if (state.returns.isFiled(filing.pin, filing.obligationId, filing.from)) {
    return { problem: `Return for the period ${formatKraDate(filing.from)} - ${formatKraDate(filing.to)} has already been filed` };
  }
  return { filing: { ...filing, pin: found.party.pin } };
}

function taxOn(obligationId: string, taxableAmount: string): number | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(taxableAmount.trim())) return undefined;
  return Math.round(Number(taxableAmount) * RATES[obligationId]! * 100) / 100;
}

/** Forms that name a PRN or a TOT/MRI ResponseCode fit only a taxed return with tax to pay. */
function fits(form: FileForm, outcome: Outcome): boolean {
  if (form !== "response-code" && form !== "prn-tax-due") return true;
  return "filing" in outcome && outcome.filing.kind !== "nil" && (form === "response-code" || (outcome.filing.tax ?? 0) > 0);
}

function defaultForm(filing: ReturnFiling): FileForm {
  if (filing.kind === "nil") return "code-1";
  if (filing.kind === "tot-daily" && (filing.tax ?? 0) > 0) return "prn-tax-due";
  return "response-code";
}

function file(state: UpstreamState, filing: ReturnFiling, form: FileForm): Reply {
  const ack = state.returns.file(filing.pin, filing.obligationId, filing.from);
  const tax = filing.tax;
  const prn = tax ? state.returns.issuePrn(filing.pin, filing.obligationId, Math.ceil(tax)) : undefined;
  const taxed = tax === undefined ? {} : { PRN: prn ?? null, TaxPayable: tax };
  switch (form) {
    case "code-1": return taxReply({ code: 1, message: FILED, receipt_number: ack, ...rootTax(tax) });
    case "code-200": return taxReply({ code: 200, message: FILED, receipt_number: ack, ...rootTax(tax) });
    case "success": return taxReply({ success: true, message: FILED, receipt_number: ack, ...rootTax(tax) });
    case "status-ok": return taxReply({ response: { Status: "OK", Message: FILED, AckNumber: ack, ...taxed } });
    case "response-code": return taxReply({ response: { ResponseCode: responseCode(filing), Message: FILED, AckNumber: ack, ...taxed } });
    case "prn-tax-due": return taxReply({ prn, tax_due: tax });
  }
}

const rootTax = (tax: number | undefined) => (tax === undefined ? {} : { tax_due: tax });
const responseCode = (filing: ReturnFiling) => (filing.kind === "mri" ? "88000" : "87000");

/** `calc_only`: the tax on a TOT or MRI body, filing nothing. */
function calculate(body: Record<string, unknown>, state: UpstreamState): Reply {
  const outcome = checkTaxed(body, state);
  if (!outcome) return internalServerError();
  const pin = "filing" in outcome ? outcome.filing.pin : String(body.tax_payer_pin);
  const rule = state.forms.take("calculate", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  // A calculation does not care whether the period was filed already.
  if ("problem" in outcome && !outcome.problem.endsWith("has already been filed")) return refusal("ErrorCode", outcome.problem);
  const tax = taxOn(String(body.kra_obligation_id), String(body.taxable_amount))!;
  return taxReply({ [rule?.success ?? "tax_due"]: tax });
}

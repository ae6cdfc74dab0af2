import type { H3Event } from "h3";
import { z, type ZodType } from "zod";
import { sendHeldAnswer } from "#gateway-runtime";
import type { HeldAnswer, SentAnswer } from "../runtime/contract";
import type { ItrCreateBody } from "../shared/itr-schemas";
import { createdBody, employmentBody, itrCreatedAnswer, itrFiledAnswer, itrRefusalBody, limitsBody, summaryBody } from "../shared/itr-answers";
import { readEmployment, readItrLimits, readItrSummary, type Employer, type Employment, type SummaryLine } from "../shared/itr";
import { readFiling } from "../shared/returns";
import { applyResponsePolicy, parseJson } from "../proxy/answer";
import { readRuleBody, type ProxyRoute } from "../proxy/request";
import type { ProxyRule } from "../proxy/rules";
import { readValidatedBody } from "../utils/body";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { updateSession, type ItrDraft, type Session } from "../utils/session";
import { askItax, employmentCall } from "./itr-upstream";
import { rememberIssuedDocuments } from "./whatsapp";

// The income tax return for employment income (issue 23; README: Upstream API, ITR). The proxy's
// rule table routes the four calls that need the session's own state here: every figure the
// upstream receives comes from the upstream's own answers, and a return id works only for the
// session whose itr-create made it (any other: 404, nothing forwarded).

export type ItrCall = NonNullable<ProxyRule["handledBy"]>;
type Handler = (event: H3Event, route: ProxyRoute, session: Session) => Promise<SentAnswer>;

const KEPT_DRAFTS = 10;
const FILING_TIMEOUT_MS = 60_000;
const JSON_HEADERS: [string, string][] = [["content-type", "application/json; charset=utf-8"]];

/** The rule's handler, after the proxy matched the route, checked the switch and found the session (proxy/call.ts). */
export function runItrCall(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer> {
  const call = route.rule.handledBy;
  if (!call) throw gatewayError("not_found");
  if (!session.record.pin) throw gatewayError("pin_required");
  if (route.query !== "") throw gatewayError("invalid_query");
  return HANDLERS[call](event, route, session);
}

const HANDLERS: Record<ItrCall, Handler> = {
  "itr.limits": showLimits, "itr.create": createReturn, "itr.summary": showSummary, "itr.file": fileReturn,
};

/** KRA's yearly limits are the same for everyone: one success is kept (filtered) for an hour, per instance. */
const LIMITS_KEPT_MS = 60 * 60 * 1000;
let keptLimits: { until: number; answer: HeldAnswer } | undefined;

/** GET /api/itr/limits: A/settings/itr/config, asked at most once an hour by each instance (30 June is KRA's busiest day). */
async function showLimits(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer> {
  if (keptLimits && keptLimits.until > Date.now()) return sendHeldAnswer(event, keptLimits.answer);
  const answer = await askItax(event, session, { ruleId: "itr.limits", method: "GET", path: "/settings/itr/config" });
  const shaped = applyResponsePolicy(event, limitsBody, answer, itrRefusalBody);
  if (answer.status === 200 && Object.values(readItrLimits(parseJson(answer.body))).some((limit) => limit !== undefined)) keptLimits = { until: Date.now() + LIMITS_KEPT_MS, answer: shaped };
  return sendHeldAnswer(event, shaped);
}

/** POST /api/itr/returns: the employer rows read from the upstream, the taxpayer's declarations, then itr-create. */
async function createReturn(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer> {
  const body = (await readRuleBody(event, route.rule)) as ItrCreateBody;
  const employment = await readEmploymentNow(event, session, body.return_year);
  if (!employment.ok) return sendRefusal(event, employment.refusal);
  if (employment.value.employers.length === 0) throw gatewayError("no_employment_income");
  const created = await askItax(event, session, {
    ruleId: "itr.create", method: "POST", path: "/tax-return/itr-create", timeoutMs: FILING_TIMEOUT_MS,
    body: draftBody(session, body, employment.value),
  });
  if (created.status >= 400) return sendRefusal(event, created);
  const parsed = createdBody.safeParse(parseJson(created.body));
  const id = parsed.success ? (parsed.data.tax_return_id ?? parsed.data.id) : undefined;
  if (!parsed.success || id === undefined || id === null) return sendRefusal(event, created);
  await rememberDraft(event, session, {
    id: String(id), taxPayerId: optionalText(parsed.data.tax_payer_id), taxObligationId: optionalText(parsed.data.tax_obligation_id),
    period: body.period, year: body.return_year,
  });
  const { tax_due, status, tax_return_ref } = parsed.data;
  return sendShaped(event, itrCreatedAnswer, { id, tax_due, status, tax_return_ref });
}

/** Disability certificates only as the upstream gave them (`itExemptionCertDetails`): the client names which. */
function draftBody(session: Session, body: ItrCreateBody, employment: Employment): Record<string, unknown> {
  const certificates = body.disability_certificate.map(({ cert_no }, index) => {
    const known = employment.certificates.find((certificate) => certificate.certNo === cert_no);
    if (!known) throw gatewayError("invalid_body", { fields: [{ path: `disability_certificate.${index}.cert_no`, message: "is not one of your certificates" }] });
    return { cert_no: known.certNo, effective_date: known.effectiveDate, expiry_date: known.expiryDate };
  });
  return {
    pin: session.record.pin, period: body.period, return_type: "normal",
    pension_contribution: body.pension_contribution, shif_contribution: body.shif_contribution,
    hl_contribution: body.hl_contribution, pmf_contribution: body.pmf_contribution,
    insurance_policy: body.insurance_policy, disability_certificate: certificates,
    employment_income: employment.employers.map(employmentIncomeRow), mortgage: body.mortgage,
  };
}

/** An employer row in itr-create's shape, every figure the employer's own return as KRA holds it. */
function employmentIncomeRow(employer: Employer): Record<string, unknown> {
  return {
    employer_pin: employer.pin, employer_name: employer.name, gross_pay: employer.grossPay, pension: employer.pension,
    net_value_of_housing: 0, value_of_car_benefit: 0, allowances_benefits: 0, total_employment_income: employer.grossPay,
    taxable_salary: employer.taxablePay, tax_payable_on_taxable_salary: employer.taxPayable,
    amount_of_tax_deducted_paye: employer.paye,
    amount_of_tax_payable_refundable: Math.round((employer.taxPayable - employer.paye) * 100) / 100,
  };
}

/** Added to the drafts as stored now, so drafts created in parallel are all kept. */
function rememberDraft(event: H3Event, session: Session, draft: ItrDraft): Promise<void> {
  return updateSession(event, session, (record) => ({
    ...record, itrReturns: [...(record.itrReturns ?? []).filter((kept) => kept.id !== draft.id), draft].slice(-KEPT_DRAFTS),
  }));
}

/** GET /api/itr/returns/{id}/summary, for this session's own draft only. */
async function showSummary(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer> {
  const draft = ownDraft(route, session);
  const answer = await askItax(event, session, { ruleId: "itr.summary", method: "GET", path: `/tax-return/itr-summary/${draft.id}` });
  return sendHeldAnswer(event, applyResponsePolicy(event, summaryBody, answer, itrRefusalBody));
}

/**
 * POST /api/itr/returns/{id}/file (empty body): the summary and the employer rows read again now, and
 * the filing built from them alone, so what is filed is what KRA computed, whatever the page showed.
 */
async function fileReturn(event: H3Event, route: ProxyRoute, session: Session): Promise<SentAnswer> {
  await readValidatedBody(event, NO_FIELDS, { maxBytes: 64, accepts: "json", mayBeEmpty: true });
  const draft = ownDraft(route, session);
  if (draft.filed) throw gatewayError("already_filed");
  // Taken before anything is asked, so a double tap or a second tab files nothing twice. A failure of
  // tax-return/create itself (a timeout: it may have filed) keeps the claim until it lapses.
  const { store } = useGateway();
  const claim = `itr-file:${session.key}:${draft.id}`;
  if (!(await store.claimNonce(claim, FILING_CLAIM_SECONDS))) throw gatewayError("already_filed");
  const release = () => store.releaseNonce(claim);
  const body = await prepareFiling(event, session, draft).catch((error: unknown) => release().then(() => Promise.reject(error)));
  if (!body.ok) return release().then(() => sendRefusal(event, body.refusal));
  const answer = await askItax(event, session, { ruleId: "itr.file", method: "POST", path: "/tax-return/create", timeoutMs: FILING_TIMEOUT_MS, body: body.value });
  const filing = readFiling(parseJson(answer.body));
  if (answer.status >= 400 || !filing.ok) return release().then(() => sendRefusal(event, answer));
  await markFiled(event, session, draft);
  await rememberIssuedDocuments(event, "returns.file", session, answer);
  return sendShaped(event, itrFiledAnswer, { ack: filing.value.ack, message: filing.value.message, tax_due: body.taxDue });
}

/** The claim outlives the longest filing call; after it, the draft's `filed` mark refuses another. */
const FILING_CLAIM_SECONDS = (FILING_TIMEOUT_MS * 2) / 1000;

type Prepared = { ok: true; value: Record<string, unknown>; taxDue: number } | { ok: false; refusal: HeldAnswer };

/** The summary and the employer rows read together, judged once both settled (one answer, one cookie change). */
async function prepareFiling(event: H3Event, session: Session, draft: ItrDraft): Promise<Prepared> {
  const [summaryRead, employmentRead] = await Promise.allSettled([
    askItax(event, session, { ruleId: "itr.summary", method: "GET", path: `/tax-return/itr-summary/${draft.id}` }),
    readEmploymentNow(event, session, draft.year),
  ]);
  if (summaryRead.status === "rejected") throw summaryRead.reason;
  if (employmentRead.status === "rejected") throw employmentRead.reason;
  const [summaryAnswer, employment] = [summaryRead.value, employmentRead.value];
  if (summaryAnswer.status >= 400) return { ok: false, refusal: summaryAnswer };
  if (!employment.ok) return employment;
  const summary = summaryBody.safeParse(parseJson(summaryAnswer.body));
  const read = readItrSummary(summary.success ? summary.data : undefined);
  if (!summary.success || !read.ok || !hasFilingFigures(summary.data as Summary)) throw gatewayError("upstream_error");
  return { ok: true, value: filingBody(session, draft, summary.data as Summary, employment.value), taxDue: read.value.taxDue };
}

/** The draft as filed in the session as stored now; a session that ended meanwhile still gets its acknowledgement. */
function markFiled(event: H3Event, session: Session, draft: ItrDraft): Promise<void> {
  return updateSession(event, { ...session }, (record) => ({
    ...record, itrReturns: (record.itrReturns ?? []).map((kept) => (kept.id === draft.id ? { ...kept, filed: true } : kept)),
  })).catch(() => {});
}

type Summary = Partial<Record<SummaryLine, string | number | null>>;
// Every line the filing carries: one the upstream did not give is never filled in by the gateway.
const FILING_FIGURES = [
  "net_taxable_income", "tax_due_refund_due", "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary",
  "defined_pension_contribution", "hl_contribution", "pmf_contribution", "shif_contribution", "personal_relief", "credits",
] as const;
const hasFilingFigures = (summary: Summary) => FILING_FIGURES.every((line) => summary[line] !== undefined && summary[line] !== null);

/** tax-return/create's body (UPSTREAM.md §7.12): the upstream's own figures, as it wrote them. */
function filingBody(session: Session, draft: ItrDraft, summary: Summary, employment: Employment): Record<string, unknown> {
  return {
    tax_return_id: draft.id, obligation_id: "2", returnType: "normal", returnPeriod: draft.period,
    taxable_amount: summary.net_taxable_income, tax_due: summary.tax_due_refund_due, currency: "KES",
    meta_data: {
      return_year: draft.year, tax_code: "2", employee_pin: session.record.pin,
      total_tax_payable: summary.total_of_tax_payable_less_reliefs_and_exemptions,
      total_payed_deducted: summary.paye_deducted_from_salary,
      amount_payable_or_refundable: summary.tax_due_refund_due,
      pension_contribution: summary.defined_pension_contribution, hl_contribution: summary.hl_contribution,
      pmf_contribution: summary.pmf_contribution, shif_contribution: summary.shif_contribution,
      personal_relief: summary.personal_relief, credits: summary.credits,
      net_taxable_income: summary.net_taxable_income, employment_income: employment.employers.map(employmentIncomeRow),
    },
  };
}

/** The draft this session's itr-create made with that id; any other id is 404 and nothing is asked. */
function ownDraft(route: ProxyRoute, session: Session): ItrDraft {
  const draft = session.record.itrReturns?.find((kept) => kept.id === route.params.id);
  if (!draft) throw gatewayError("not_found");
  return draft;
}

/** The file call takes no body: nothing, or `{}`. Anything else (a figure, a PIN) is refused. */
const NO_FIELDS = z.strictObject({});

type EmploymentRead = { ok: true; value: Employment } | { ok: false; refusal: HeldAnswer };

/** The employer rows and figures as KRA holds them at this moment, or the upstream's refusal (held, not sent). */
async function readEmploymentNow(event: H3Event, session: Session, year: string): Promise<EmploymentRead> {
  const answer = await askItax(event, session, employmentCall(session, year));
  if (answer.status >= 400) return { ok: false, refusal: answer };
  const body = parseJson(answer.body);
  const read = readEmployment(body);
  if (read.ok) return read;
  // An unreadable answer, or a row without its PIN or a figure: nothing is filled in, nothing filed.
  if (!employmentBody.safeParse(body).success || !read.message) throw gatewayError("upstream_error");
  return { ok: false, refusal: answer };
}

/** The upstream's refusal in the returns refusal forms (§7.4); a 2xx that is no success goes out as 422. */
function sendRefusal(event: H3Event, answer: HeldAnswer): SentAnswer {
  const status = answer.status >= 400 ? answer.status : 422;
  return sendHeldAnswer(event, applyResponsePolicy(event, itrRefusalBody, { ...answer, status }, itrRefusalBody));
}

/** An answer the gateway composed, still held to its policy. */
function sendShaped(event: H3Event, schema: ZodType, value: Record<string, unknown>): SentAnswer {
  return sendHeldAnswer(event, applyResponsePolicy(event, schema, { status: 200, headers: JSON_HEADERS, body: JSON.stringify(value) }));
}

const optionalText = (value: string | number | null | undefined) => (value === undefined || value === null ? undefined : String(value));

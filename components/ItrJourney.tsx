import { createSignal, Match, onMount, Show, Switch, type Component } from "solid-js";
import { itrResult, readEmployment, readItrLimits, readItrSummary, type Employment, type ItrLimits, type ItrSummary } from "../server/shared/itr";
import type { Outcome } from "../server/shared/returns-read";
import { ProblemAlert } from "./ProblemAlert";
import { Filed } from "./FilingDone";
import { useItrText } from "./i18n/itr";
import { useReturnsFormText } from "./i18n/returns-forms";
import { EmployersTable, ResultSentence, SummaryLines } from "./ItrFigures";
import { ItrDeductions } from "./ItrDeductions";
import { callGateway } from "./lib/gateway-api";
import { draftBody } from "./lib/itr-body";
import { clearDraft, saveDraft, type DeductionsForm, type ItrDraft, type ItrStep } from "./lib/itr-draft";
import { parseAmount } from "./lib/money";
import { createSteps } from "./lib/steps";
import type { createSubmission } from "./lib/submission";
import { PrnPay } from "./PrnPay";
import { ScriptButton } from "./ScriptButton";

// The income tax return's journey past its first step (issue 23): its steps, the answers' readers (which parse
// with zod), the rest of the ITR catalogue and the payment. The page (routes/returns/itr.tsx) holds only the
// first step and loads this beside the call that leads past it (or, on a reload, to resume the draft).

export { readEmployment };

interface Filing { ack?: string; message?: string; tax_due: number }

export interface ItrJourneyProps {
  msisdn: string;
  year: () => string;
  setYear: (year: string) => void;
  submission: ReturnType<typeof createSubmission>;
  /** The employers of the year chosen on the page's first step, or a draft to resume. */
  start: { employment: Employment } | { draft: ItrDraft };
  /** The page's first step, shown again on Back. */
  YearStep: Component<{ onContinue: () => void }>;
}

const STEP_NUMBER: Partial<Record<ItrStep, number>> = { employers: 2, deductions: 3, summary: 4 };
const amountText = (amount: number) => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));

export function ItrJourney(props: ItrJourneyProps) {
  const t = useItrText();
  const r = useReturnsFormText();
  const [step, go] = createSteps<ItrStep>("year");
  const { problem, setProblem, busy, run, invalid } = props.submission;
  const year = () => props.year();
  const [employment, setEmployment] = createSignal<Employment>();
  const [form, setForm] = createSignal<DeductionsForm>();
  const [draftId, setDraftId] = createSignal<string>();
  const [summary, setSummary] = createSignal<ItrSummary>();
  const [filed, setFiled] = createSignal<Filing>();
  const [restored, setRestored] = createSignal(false);
  const [limits, setLimits] = createSignal<ItrLimits>();

  /** One call; a 2xx the upstream did not mean as a success shows the upstream's own sentence. */
  const call = async <T,>(method: "GET" | "POST", path: string, body: unknown, read: (answer: unknown) => Outcome<T>): Promise<T | undefined> =>
    (await run(method, path, body, read))?.value;
  const keep = (next: ItrStep) => {
    saveDraft({ year: year(), step: next, id: draftId(), form: form() });
    if (next === "deductions" && !limits()) void loadLimits();
    go(next);
  };
  /** KRA's yearly limits, shown as hints; without them the form works the same (a refusal is not shown). */
  const loadLimits = async () => {
    const result = await callGateway<unknown>("GET", "/api/itr/limits");
    if (result.ok) setLimits(readItrLimits(result.data));
  };

  onMount(() => {
    const start = props.start;
    if ("employment" in start) return begin(start.employment);
    const draft = start.draft;
    if (draft.id && (draft.step === "summary" || draft.step === "deductions")) return void resume(draft.year, draft.id, draft.form);
    if (draft.step === "employers" || draft.step === "deductions") return void resumeBefore(draft.year, draft.step, draft.form);
  });

  /** The year's employers read: the next step (or the NIL return's way when there are none). */
  const begin = (found: Employment) => {
    setEmployment(found);
    setForm(prefilled(found));
    keep(found.employers.length === 0 ? "nil" : "employers");
  };

  /** A reload: the draft's figures come from the gateway again; a draft the gateway no longer knows starts over. */
  const resume = async (savedYear: string, id: string, savedForm: DeductionsForm | undefined) => {
    props.setYear(savedYear);
    setDraftId(id);
    const [kept, found] = [await call("GET", `/itr/returns/${id}/summary`, undefined, readItrSummary), await loadEmployment(savedYear)];
    if (!kept || !found) {
      clearDraft();
      setDraftId(undefined);
      setProblem(undefined);
      return;
    }
    setForm(savedForm ?? prefilled(found));
    setSummary(kept);
    setRestored(true);
    go("summary");
  };

  /** A reload before any draft exists: the employers read again, what was typed kept. */
  const resumeBefore = async (savedYear: string, savedStep: "employers" | "deductions", savedForm: DeductionsForm | undefined) => {
    props.setYear(savedYear);
    const found = await loadEmployment(savedYear);
    if (!found || found.employers.length === 0) return clearDraft();
    setForm(savedForm ?? prefilled(found));
    setRestored(true);
    keep(savedStep);
  };

  const loadEmployment = async (forYear: string) => {
    const found = await call("GET", `/itr/employment-income?return_year=${forYear}`, undefined, readEmployment);
    if (found) setEmployment(found);
    return found;
  };

  const chooseYear = async () => {
    const found = await loadEmployment(year());
    if (found) begin(found);
  };

  const compute = async () => {
    // Checked by the gateway (server/shared/itr-schemas.ts), which names the fields it refuses.
    const body = draftBody(year(), form()!, parseAmount);
    const created = await call("POST", "/itr/returns", body, readCreated);
    if (!created) return;
    setDraftId(created);
    const kept = await call("GET", `/itr/returns/${created}/summary`, undefined, readItrSummary);
    if (!kept) return;
    setSummary(kept);
    keep("summary");
  };

  const file = async () => {
    const answer = await call("POST", `/itr/returns/${draftId()}/file`, {}, readFiled);
    if (!answer) return;
    setFiled(answer);
    clearDraft();
    go("done");
  };

  const Progress = () => <Show when={busy()}><p class="muted loading" role="status" data-testid="itr-progress">{t("itr.working")}</p></Show>;
  const Restored = () => <Show when={restored()}><p class="muted" data-testid="itr-restored">{t("itr.draftKept")}</p></Show>;

  return (
    <>
      <Show when={STEP_NUMBER[step()]}>{(n) => <p class="muted">{t("itr.step", { n: n() })}</p>}</Show>
      <Switch>
        <Match when={step() === "year"}>
          <props.YearStep onContinue={chooseYear} />
        </Match>
        <Match when={step() === "nil"}>
          <div class="card" role="status" data-testid="itr-no-employers">
            <p><strong>{t("itr.noEmployers", { year: year() })}</strong></p>
            <p>{t("itr.noEmployersNext")}</p>
            <a class="btn" href="/returns/nil?obligation=2">{t("itr.fileNil")}</a>
            <ScriptButton class="btn secondary" onClick={() => go("year")}>{r("common.back")}</ScriptButton>
          </div>
        </Match>
        <Match when={step() === "employers" && employment()}>
          <div class="card">
            <h3>{t("itr.employersTitle")}</h3>
            <EmployersTable employment={employment()!} />
            <ScriptButton class="btn" onClick={() => keep("deductions")}>{r("common.continue")}</ScriptButton>
            <ScriptButton class="btn secondary" onClick={() => go("year")}>{r("common.back")}</ScriptButton>
          </div>
        </Match>
        <Match when={step() === "deductions" && employment() && form()}>
          <div class="card">
            <h3>{t("itr.deductionsTitle")}</h3>
            <Restored />
            <ItrDeductions form={form()!} onChange={(next) => { setForm(next); saveDraft({ year: year(), step: "deductions", id: draftId(), form: next }); }}
              employment={employment()!} invalid={invalid()} limits={limits()} />
            <Progress />
            <ProblemAlert problem={problem()} />
            <ScriptButton class="btn" disabled={busy()} onClick={compute}>{busy() ? r("common.loading") : t("itr.compute")}</ScriptButton>
            <ScriptButton class="btn secondary" onClick={() => go("employers")}>{r("common.back")}</ScriptButton>
          </div>
        </Match>
        <Match when={step() === "summary" && summary()}>
          <div class="card">
            <h3>{t("itr.summaryTitle")}</h3>
            <Restored />
            <SummaryLines summary={summary()!} />
            <p class="muted">{t("itr.confirmText", { period: `01/01/${year()} - 31/12/${year()}` })}</p>
            <Progress />
            <ProblemAlert problem={problem()} />
            <ScriptButton class="btn" disabled={busy()} onClick={file}>{busy() ? r("common.loading") : t("itr.file")}</ScriptButton>
            <ScriptButton class="btn secondary" disabled={busy()} onClick={() => (employment() ? keep("deductions") : startOver())}>{t("itr.change")}</ScriptButton>
          </div>
        </Match>
        <Match when={step() === "done" && filed()}>
          <Done filing={filed()!} year={year()} msisdn={props.msisdn} />
        </Match>
      </Switch>
    </>
  );

  function startOver() {
    clearDraft();
    setDraftId(undefined);
    setSummary(undefined);
    setRestored(false);
    go("year");
  }
}

/** Step 5 and 6: the acknowledgement (and "send to my WhatsApp"), then, if tax is due, a PRN for obligation 2 and the M-Pesa prompt. */
function Done(props: { filing: Filing; year: string; msisdn: string }) {
  const t = useItrText();
  const r = useReturnsFormText();
  const result = () => itrResult(props.filing.tax_due);
  return (
    <>
      <ResultSentence taxDue={props.filing.tax_due} />
      <Filed filing={{ ack: props.filing.ack, message: props.filing.message }} />
      <Show when={result().kind === "refund"}><p>{t("itr.refundNext")}</p></Show>
      <Show when={result().kind === "owe"}>
        <p>{t("itr.payNext")}</p>
        <PrnPay request={{ obligation: "2", from: `01/01/${props.year}`, to: `31/12/${props.year}`, amount: props.filing.tax_due }} msisdn={props.msisdn} />
      </Show>
      <a class="btn secondary" href="/returns">{r("returns.back")}</a>
    </>
  );
}

/** The deductions step starts from KRA's own figures. */
function prefilled(employment: Employment): DeductionsForm {
  const { pension, shif, housingLevy, prmf } = employment.prefill;
  return { pension: amountText(pension), shif: amountText(shif), hl: amountText(housingLevy), prmf: amountText(prmf), certificates: [] };
}

function readCreated(answer: unknown): Outcome<string> {
  const id = (answer as { id?: unknown } | null)?.id;
  return typeof id === "number" || (typeof id === "string" && /^[A-Za-z0-9-]{1,40}$/.test(id)) ? { ok: true, value: String(id) } : { ok: false };
}

function readFiled(answer: unknown): Outcome<Filing> {
  const body = (answer ?? {}) as Partial<Filing>;
  return typeof body.tax_due === "number" ? { ok: true, value: { ack: body.ack, message: body.message, tax_due: body.tax_due } } : { ok: false };
}

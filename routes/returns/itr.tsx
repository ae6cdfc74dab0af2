import { createSignal, For, onMount, Show } from "solid-js";
import { lastReturnYear } from "../../server/shared/itr-year";
import type { ItrJourneyProps } from "../../components/ItrJourney";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useItrYearText } from "../../components/i18n/itr-year";
import { loadDraft } from "../../components/lib/itr-draft";
import { createSubmission } from "../../components/lib/submission";
import { PageFrame } from "../../components/Layout";
import { useReturnsText } from "../../components/i18n/returns";
import { WithPin } from "../../components/WithPin";
import { ScriptButton } from "../../components/ScriptButton";

export default function IncomeTaxReturn() {
  const t = useReturnsText();
  return <PageFrame heading={t("returns.itr")}><WithPin service="returns">{(session) => <ItrFirstStep msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

/**
 * The page's first scripts hold only step 1 (issue 22's budgets). The answers' readers parse with zod, and the
 * steps after it bring their views, the rest of the ITR catalogue and the payment (components/ItrJourney.tsx):
 * each loads beside the call that needs it.
 */
const periodReader = () => import("../../server/shared/itr").then((itr) => itr.readItrPeriod);
const journeyModule = () => import("../../components/ItrJourney");

const YEARS = 5;

/** Step 1, year and period; the journey takes over once the year's employers are read, or at once to resume a draft. */
function ItrFirstStep(props: { msisdn: string }) {
  const t = useItrYearText();
  const submission = createSubmission();
  const { problem, busy, run } = submission;
  const [year, setYear] = createSignal(String(lastReturnYear()));
  const [period, setPeriod] = createSignal<string>();
  const [journey, setJourney] = createSignal<{ module: Awaited<ReturnType<typeof journeyModule>>; start: ItrJourneyProps["start"] }>();

  onMount(async () => {
    const draft = loadDraft();
    if (draft && (draft.step === "employers" || draft.step === "deductions" || (draft.id && draft.step === "summary"))) {
      const module = await journeyModule().catch(() => undefined);
      return module ? setJourney({ module, start: { draft } }) : submission.setProblem({ kind: "network" });
    }
    const found = (await run("GET", "/itr/filing-period", undefined, periodReader()))?.value;
    if (found) {
      setPeriod(found.text);
      const offered = found.from.slice(-4);
      if (Number(offered) <= lastReturnYear()) setYear(offered);
    }
  });

  const chooseYear = async () => {
    const loading = journeyModule();
    const found = (await run("GET", `/itr/employment-income?return_year=${year()}`, undefined, loading.then((module) => module.readEmployment)))?.value;
    if (found) setJourney({ module: await loading, start: { employment: found } });
  };

  const YearStep = (step: { onContinue: () => void }) => (
    <>
      <p class="muted">{t("itr.step", { n: 1 })}</p>
      <div class="card" data-testid="itr-year">
        <h3>{t("itr.yearTitle")}</h3>
        <p class="muted">{t("itr.intro")}</p>
        <label for="itr-year">{t("itr.year")}<span class="hint">{t("itr.yearHint")}</span></label>
        <select id="itr-year" value={year()} onChange={(e) => setYear(e.currentTarget.value)}>
          <For each={Array.from({ length: YEARS }, (_, i) => String(lastReturnYear() - i))}>{(y) => <option value={y}>{y}</option>}</For>
        </select>
        <p>{t("itr.period", { period: period() && period()!.endsWith(year()) ? period()! : `01/01/${year()} - 31/12/${year()}` })}</p>
        <Show when={busy()}><p class="muted loading" role="status" data-testid="itr-progress">{t("itr.working")}</p></Show>
        <ProblemAlert problem={problem()} />
        <ScriptButton class="btn" disabled={busy()} onClick={() => step.onContinue()}>{busy() ? t("common.loading") : t("common.continue")}</ScriptButton>
        <a class="btn secondary" href="/returns">{t("common.back")}</a>
      </div>
    </>
  );

  return (
    <Show when={journey()} fallback={<YearStep onContinue={chooseYear} />}>
      {(taken) => {
        const Journey = taken().module.ItrJourney;
        return <Journey msisdn={props.msisdn} year={year} setYear={setYear} submission={submission} start={taken().start} YearStep={YearStep} />;
      }}
    </Show>
  );
}

import { createSignal, Match, Show, Switch } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { VAT } from "../../server/shared/obligations";
import type { Filing, Obligation, Period } from "../../server/shared/returns-read";
import { loadReader } from "../../components/lib/returns-readers";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormText } from "../../components/i18n/returns";
import { nilForm } from "../../components/i18n/form-nil";
import { PageFrame } from "../../components/Layout";
import { createSubmission } from "../../components/lib/submission";
import { periodHasEnded, todayInKenya } from "../../components/lib/tax-period";
import { createSteps } from "../../components/lib/steps";
import { ObligationPicker } from "../../components/ObligationPicker";
import { WithPin } from "../../components/WithPin";
import { onDemand, preloadSoon } from "../../components/lib/on-demand";
import { ScriptButton } from "../../components/ScriptButton";

/** The confirmation and the result, fetched while the first step is filled in (issue 22's budgets). */
const NilSteps = onDemand(() => import("../../components/NilSteps").then((module) => module.NilSteps));

export default function NilReturn() {
  const t = useFormText(nilForm);
  return <PageFrame heading={t("nil.title")}><WithPin service="returns">{() => <NilJourney />}</WithPin></PageFrame>;
}

function NilJourney() {
  const t = useFormText(nilForm);
  const [step, go] = createSteps<"choose" | "confirm" | "done">("choose");
  // `?obligation=2` from the ITR page when KRA has no employment income: that obligation comes chosen.
  const [search] = useSearchParams<{ obligation?: string }>();
  const [obligation, setObligation] = createSignal<Obligation>();
  const [period, setPeriod] = createSignal<Period>();
  const [filed, setFiled] = createSignal<Filing>();
  const submission = createSubmission();
  const { problem, setProblem, busy, run } = submission;
  preloadSoon(NilSteps);
  const [vat, setVat] = createSignal(false);
  const [notEnded, setNotEnded] = createSignal(false);
  const fetchPeriod = async () => {
    const chosen = obligation();
    if (!chosen) return;
    setVat(false);
    const answer = await run("POST", "/obligation-filling-period", { obligation_id: chosen.id }, loadReader("readPeriod"));
    // VAT's period "cannot be Autopopulated" upstream: say plainly what that means.
    if (!answer && chosen.id === VAT && problem()?.kind === "business") {
      setProblem(undefined);
      setVat(true);
    }
    if (!answer) return;
    setPeriod(answer.value);
    // A NIL return declares a period that is over: one not yet ended (KRA may offer it) is refused here, with the reason.
    setNotEnded(!periodHasEnded(answer.value.to, todayInKenya()));
    if (!notEnded()) go("confirm");
  };
  return (
    <Switch>
      <Match when={step() === "choose"}>
        <div class="card">
          <ObligationPicker value={obligation()?.id ?? ""} onChange={setObligation} preselect={search.obligation} />
          <ProblemAlert problem={problem()} />
          <Show when={vat()}><p class="alert error" role="alert">{t("nil.vat")}</p></Show>
          <Show when={notEnded() && period()}>
            {(offered) => <p class="alert error" role="alert" data-testid="nil-not-ended">{t("nil.notEnded", { period: offered().text, to: offered().to })}</p>}
          </Show>
          <ScriptButton class="btn" disabled={busy() || !obligation()} onClick={fetchPeriod}>{busy() ? t("common.loading") : t("common.continue")}</ScriptButton>
          <a class="btn secondary" href="/returns">{t("common.back")}</a>
        </div>
      </Match>
      <Match when={step() !== "choose" && period()}>
        {(offered) => (
          <NilSteps step={step() === "done" ? "done" : "confirm"} obligation={obligation()!} period={offered()} submission={submission}
            filed={filed()} onFiled={setFiled} go={go} />
        )}
      </Match>
    </Switch>
  );
}

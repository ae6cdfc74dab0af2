import { createSignal, Match, Show, Switch } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { VAT } from "../../server/shared/obligations";
import type { Filing, Obligation, Period } from "../../server/shared/returns-read";
import { loadReader } from "../../components/lib/returns-readers";
import { ProblemAlert } from "../../components/ProblemAlert";
import { obligationName } from "../../components/i18n/returns";
import { useReturnsFormText } from "../../components/i18n/returns-forms";
import { ReturnsLayout } from "../../components/ReturnsLayout";
import { AlreadyFiled } from "../../components/FilingDone";
import { createSubmission } from "../../components/lib/submission";
import { periodHasEnded, todayInKenya } from "../../components/lib/tax-period";
import { createSteps } from "../../components/lib/steps";
import { ObligationPicker } from "../../components/ObligationPicker";
import { WhatsAppSend } from "../../components/WhatsAppSend";
import { WithPin } from "../../components/WithPin";
import { keepReference } from "../../components/lib/last-reference";
import { ScriptButton } from "../../components/ScriptButton";

export default function NilReturn() {
  return <ReturnsLayout title="nil.title"><WithPin service="returns">{() => <NilJourney />}</WithPin></ReturnsLayout>;
}

function NilJourney() {
  const t = useReturnsFormText();
  const [step, go] = createSteps<"choose" | "confirm" | "done">("choose");
  // `?obligation=2` from the ITR page when KRA has no employment income: that obligation comes chosen.
  const [search] = useSearchParams<{ obligation?: string }>();
  const [obligation, setObligation] = createSignal<Obligation>();
  const [period, setPeriod] = createSignal<Period>();
  const [filed, setFiled] = createSignal<Filing>();
  const { problem, setProblem, busy, run } = createSubmission();
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
  const file = async () => {
    const id = obligation()!.id;
    const body = { kra_obligation_id: id, obligation_code: id, returnPeriod: period()!.text, returnType: "nil_return", has_rental_property: "N" };
    const answer = await run("POST", "/file-return", body, loadReader("readFiling"));
    if (!answer) return;
    keepReference("acknowledgement", answer.value.ack);
    setFiled(answer.value);
    go("done");
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
      <Match when={step() === "confirm"}>
        <div class="card">
          <h3>{t("review.title")}</h3>
          <p>{t("nil.confirm", { obligation: obligationName(t, obligation()!), period: period()!.text })}</p>
          <Show when={filed()} fallback={
            <>
              <ProblemAlert problem={problem()} />
              <ScriptButton class="btn" disabled={busy()} onClick={file}>{busy() ? t("common.loading") : t("nil.file")}</ScriptButton>
              <ScriptButton class="btn secondary" onClick={() => go("choose")}>{t("common.back")}</ScriptButton>
            </>
          }>
            {(sent) => <AlreadyFiled filing={sent()} />}
          </Show>
        </div>
      </Match>
      <Match when={step() === "done"}>
        <div class="card" role="status" data-testid="filed">
          <h3>{t("nil.done")}</h3>
          <p>{t("nil.confirm", { obligation: obligationName(t, obligation()!), period: period()!.text })}</p>
          <Show when={filed()?.ack} fallback={<p>{t("returns.noAck")}</p>}>{(ack) => <p><strong>{t("returns.ack", { ack: ack() })}</strong></p>}</Show>
          <p class="muted">{t("returns.keep")}</p>
          <Show when={filed()?.ack}>{(ack) => <WhatsAppSend document={{ document: "acknowledgement", ack: ack() }} />}</Show>
          <a class="btn secondary" href="/returns">{t("returns.back")}</a>
        </div>
      </Match>
    </Switch>
  );
}

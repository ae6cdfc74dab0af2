import { Show } from "solid-js";
import type { Filing, Obligation, Period } from "../server/shared/returns-read";
import { loadReader } from "./lib/returns-readers";
import { ProblemAlert } from "./ProblemAlert";
import { useObligationName } from "./i18n/obligations";
import { useReturnsFormText } from "./i18n/returns-forms";
import { AlreadyFiled } from "./FilingDone";
import type { createSubmission } from "./lib/submission";
import { WhatsAppSend } from "./WhatsAppSend";
import { keepReference } from "./lib/last-reference";
import { ScriptButton } from "./ScriptButton";

// The NIL return's steps after the first (routes/returns/nil.tsx loads them on demand, issue 22): the
// confirmation that files the return, and its acknowledgement.

export interface NilStepsProps {
  step: "confirm" | "done";
  obligation: Obligation;
  period: Period;
  submission: ReturnType<typeof createSubmission>;
  filed: Filing | undefined;
  onFiled: (filing: Filing) => void;
  go: (step: "choose" | "done") => void;
}

export function NilSteps(props: NilStepsProps) {
  const t = useReturnsFormText();
  const obligationName = useObligationName();
  const summary = () => t("nil.confirm", { obligation: obligationName(props.obligation), period: props.period.text });
  const file = async () => {
    const id = props.obligation.id;
    const body = { kra_obligation_id: id, obligation_code: id, returnPeriod: props.period.text, returnType: "nil_return", has_rental_property: "N" };
    const answer = await props.submission.run("POST", "/file-return", body, loadReader("readFiling"));
    if (!answer) return;
    keepReference("acknowledgement", answer.value.ack);
    props.onFiled(answer.value);
    props.go("done");
  };
  return (
    <Show when={props.step === "done"} fallback={
      <div class="card">
        <h3>{t("review.title")}</h3>
        <p>{summary()}</p>
        <Show when={props.filed} fallback={
          <>
            <ProblemAlert problem={props.submission.problem()} />
            <ScriptButton class="btn" disabled={props.submission.busy()} onClick={file}>{props.submission.busy() ? t("common.loading") : t("nil.file")}</ScriptButton>
            <ScriptButton class="btn secondary" onClick={() => props.go("choose")}>{t("common.back")}</ScriptButton>
          </>
        }>
          {(sent) => <AlreadyFiled filing={sent()} />}
        </Show>
      </div>
    }>
      <div class="card" role="status" data-testid="filed">
        <h3>{t("nil.done")}</h3>
        <p>{summary()}</p>
        <Show when={props.filed?.ack} fallback={<p>{t("returns.noAck")}</p>}>{(ack) => <p><strong>{t("returns.ack", { ack: ack() })}</strong></p>}</Show>
        <p class="muted">{t("returns.keep")}</p>
        <Show when={props.filed?.ack}>{(ack) => <WhatsAppSend document={{ document: "acknowledgement", ack: ack() }} />}</Show>
        <a class="btn secondary" href="/returns">{t("returns.back")}</a>
      </div>
    </Show>
  );
}

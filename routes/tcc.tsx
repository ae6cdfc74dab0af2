import { createSignal, For, Show } from "solid-js";
import { ProblemAlert } from "../components/ProblemAlert";
import { CheckersLayout } from "../components/CheckersLayout";
import { Choice } from "../components/Field";
import { useCheckersText } from "../components/i18n/checkers";
import { createSubmission } from "../components/lib/submission";
import { ScriptButton } from "../components/ScriptButton";
import { WithPin } from "../components/WithPin";
import { markKraWords } from "../components/lib/kra-words";
import { readTccApplication } from "../server/shared/checkers";
import { TCC_REASONS, tccApplicationSchema, type TccReason } from "../server/shared/checkers-schemas";
import { keepReference } from "../components/lib/last-reference";

/** A TCC for the session's own PIN: the gateway adds the PIN; the page sends only the reason. */
export default function TccApplication() {
  return <CheckersLayout title="tcc.title"><WithPin service="checkers">{() => <TccForm />}</WithPin></CheckersLayout>;
}

function TccForm() {
  const t = useCheckersText();
  const call = createSubmission();
  const [reason, setReason] = createSignal<TccReason>();
  const [done, setDone] = createSignal<{ number?: string; message?: string }>();
  const apply = async () => {
    if (!call.check(tccApplicationSchema, { reason_for_tcc: reason() })) return;
    const answer = await call.run("POST", "/tcc-application", { reason_for_tcc: reason() }, readTccApplication);
    if (!answer) return;
    keepReference("tcc", answer.value.number);
    setDone(answer.value);
  };
  return (
    <>
      <Show when={done()} fallback={
        <form class="card" onSubmit={(event) => { event.preventDefault(); void apply(); }}>
          <p class="muted">{t("tcc.intro")}</p>
          <fieldset>
            <legend>{t("tcc.reason")}</legend>
            <For each={TCC_REASONS}>
              {(key) => (
                <Choice type="radio" name="reason_for_tcc" value={key} checked={reason() === key} onChange={() => setReason(key)} label={t(`tcc.reason.${key}`)} />
              )}
            </For>
            <Show when={call.invalid().has("reason_for_tcc")}><p class="field-error">{t("common.required")}</p></Show>
          </fieldset>
          <ScriptButton class="btn" type="submit" busy={call.busy()}>{t("tcc.apply")}</ScriptButton>
        </form>
      }>
        {(sent) => (
          <div class="card" data-testid="tcc-done">
            <p class="alert ok">{t("tcc.done")}</p>
            <Show when={sent().number}>{(number) => <p><strong>{t("tcc.number", { number: number() })}</strong></p>}</Show>
            <Show when={markKraWords(t, sent().message)}>{(message) => <p class="muted">{message()}</p>}</Show>
          </div>
        )}
      </Show>
      <ProblemAlert problem={call.problem()} />
      <a class="btn secondary" href="/">{t("common.home")}</a>
    </>
  );
}

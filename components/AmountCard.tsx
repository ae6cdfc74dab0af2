import { createSignal, Show, type JSX } from "solid-js";
import type { Filing } from "../server/shared/returns-read";
import { ProblemAlert } from "./ProblemAlert";
import { Field } from "./Field";
import type { ApiProblem } from "./lib/gateway-api";
import { useI18n } from "./i18n";
import { AlreadyFiled } from "./TaxReturnSteps";
import { ScriptButton } from "./ScriptButton";

const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

type AmountProps = {
  problem: ApiProblem | undefined; busy: boolean;
  /** Once KRA has the return (Back from the result): no new calculation leading to a second filing. */
  filed?: Filing;
  id: string; label: string; hint: string; action: string; value: string; onInput: (value: string) => void; onCalculate: () => void; children?: JSX.Element;
};

/** The amount a tax is calculated on, after the children (e.g. a choice that goes with it); onCalculate runs only for a well-formed amount. */
export function AmountCard(props: AmountProps) {
  const { t } = useI18n();
  const [invalid, setInvalid] = createSignal(false);
  const calculate = () => {
    const wellFormed = AMOUNT.test(props.value);
    setInvalid(!wellFormed);
    if (wellFormed) props.onCalculate();
  };
  return (
    <div class="card">
      {props.children}
      <Field id={props.id} label={props.label} hint={props.hint} inputMode="decimal" value={props.value}
        error={invalid() ? t("common.invalid") : undefined} onInput={(e) => props.onInput(e.currentTarget.value.trim())} />
      <Show when={props.filed} fallback={
        <>
          <ProblemAlert problem={props.problem} />
          <ScriptButton class="btn" disabled={props.busy} onClick={calculate}>{props.busy ? t("common.loading") : props.action}</ScriptButton>
          <a class="btn secondary" href="/returns">{t("common.back")}</a>
        </>
      }>
        {(filing) => <AlreadyFiled filing={filing()} />}
      </Show>
    </div>
  );
}

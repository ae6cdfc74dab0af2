import { Show } from "solid-js";
import { ProblemAlert } from "./ProblemAlert";
import { useReturnsFormText, type ReturnsFormKey } from "./i18n/returns-forms";
import type { Filing } from "../server/shared/returns-read";
import type { ApiProblem } from "./lib/gateway-api";
import { formatMoney } from "./lib/money";
import { AlreadyFiled } from "./FilingDone";
import { ScriptButton } from "./ScriptButton";

type TaxDueProps = {
  problem: ApiProblem | undefined; busy: boolean;
  period: string; amountKey: ReturnsFormKey; amount: number; tax: number;
  onFile: (pay: boolean) => void; onPayOnly?: () => void; onBack: () => void;
  /** Once KRA has the return (Back from the result): no second filing. */
  filed?: Filing;
};

/** The tax due on the amount, and what to do: file and pay, file only, pay only (when offered) or go back. */
export function TaxDueCard(props: TaxDueProps) {
  const t = useReturnsFormText();
  return (
    <div class="card">
      <p>{t("returns.period", { period: props.period })}</p>
      <p>{t(props.amountKey, { amount: formatMoney(props.amount) })}</p>
      <p data-testid="tax-due"><strong>{t("returns.taxDue", { amount: formatMoney(props.tax) })}</strong></p>
      <Show when={props.filed} fallback={
        <>
          <ProblemAlert problem={props.problem} />
          <ScriptButton class="btn" disabled={props.busy} onClick={() => props.onFile(true)}>{t("returns.fileAndPay")}</ScriptButton>
          <ScriptButton class="btn secondary" disabled={props.busy} onClick={() => props.onFile(false)}>{t("returns.fileOnly")}</ScriptButton>
          <Show when={props.onPayOnly}>
            <ScriptButton class="btn secondary" disabled={props.busy} onClick={() => props.onPayOnly?.()}>{t("returns.payOnly")}</ScriptButton>
          </Show>
          <ScriptButton class="btn secondary" onClick={() => props.onBack()}>{t("common.back")}</ScriptButton>
        </>
      }>
        {(filing) => <AlreadyFiled filing={filing()} />}
      </Show>
    </div>
  );
}

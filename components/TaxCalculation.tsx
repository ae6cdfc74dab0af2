import { createSignal, Show, type JSX } from "solid-js";
import { ProblemAlert } from "./Alert";
import { Field } from "./Field";
import { useReturnsFormText, type ReturnsFormKey } from "./i18n/returns-forms";
import type { ApiProblem } from "./lib/gateway-api";
import { formatMoney } from "./lib/money";

const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

type Call = { problem: ApiProblem | undefined; busy: boolean };
type AmountProps = Call & {
  id: string; label: string; hint: string; value: string; onInput: (value: string) => void; onCalculate: () => void; children?: JSX.Element;
};

/** The amount a tax is calculated on, after the children (e.g. a choice that goes with it); onCalculate runs only for a well-formed amount. */
export function AmountCard(props: AmountProps) {
  const t = useReturnsFormText();
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
      <ProblemAlert problem={props.problem} />
      <button class="btn" type="button" disabled={props.busy} onClick={calculate}>{props.busy ? t("common.loading") : t("returns.calculate")}</button>
      <a class="btn secondary" href="/returns">{t("common.back")}</a>
    </div>
  );
}

type TaxDueProps = Call & {
  period: string; amountKey: ReturnsFormKey; amount: number; tax: number;
  onFile: (pay: boolean) => void; onPayOnly?: () => void; onBack: () => void;
};

/** The tax due on the amount, and what to do: file and pay, file only, pay only (when offered) or go back. */
export function TaxDueCard(props: TaxDueProps) {
  const t = useReturnsFormText();
  return (
    <div class="card">
      <p>{t("returns.period", { period: props.period })}</p>
      <p>{t(props.amountKey, { amount: formatMoney(props.amount) })}</p>
      <p data-testid="tax-due"><strong>{t("returns.taxDue", { amount: formatMoney(props.tax) })}</strong></p>
      <ProblemAlert problem={props.problem} />
      <button class="btn" type="button" disabled={props.busy} onClick={() => props.onFile(true)}>{t("returns.fileAndPay")}</button>
      <button class="btn secondary" type="button" disabled={props.busy} onClick={() => props.onFile(false)}>{t("returns.fileOnly")}</button>
      <Show when={props.onPayOnly}>
        <button class="btn secondary" type="button" disabled={props.busy} onClick={() => props.onPayOnly?.()}>{t("returns.payOnly")}</button>
      </Show>
      <button class="btn secondary" type="button" onClick={() => props.onBack()}>{t("common.back")}</button>
    </div>
  );
}

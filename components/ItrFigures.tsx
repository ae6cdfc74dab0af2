import { For, Show } from "solid-js";
import { itrResult, SUMMARY_LINES, type Employment, type ItrSummary } from "../server/shared/itr";
import { useItrText } from "./i18n/itr";

/** KES with two decimals, grouped (no currency symbol: the sentences say KES). */
export const kes = (amount: number) => amount.toLocaleString("en-KE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Step 2: each employer's figures as KRA holds them, and the totals. Read only, and why. */
export function EmployersTable(props: { employment: Employment }) {
  const t = useItrText();
  return (
    <div data-testid="itr-employers">
      <For each={props.employment.employers}>
        {(employer) => (
          <table class="lines">
            <caption><strong>{employer.name}</strong> <span class="muted">{t("itr.employerPin", { pin: employer.pin })}</span></caption>
            <tbody>
              <tr><th scope="row">{t("itr.gross")}</th><td>{kes(employer.grossPay)}</td></tr>
              <tr><th scope="row">{t("itr.taxable")}</th><td>{kes(employer.taxablePay)}</td></tr>
              <tr><th scope="row">{t("itr.paye")}</th><td>{kes(employer.paye)}</td></tr>
            </tbody>
          </table>
        )}
      </For>
      <table class="lines" data-testid="itr-totals">
        <caption><strong>{t("itr.totals")}</strong></caption>
        <tbody>
          <tr><th scope="row">{t("itr.gross")}</th><td>{kes(props.employment.totals.grossPay)}</td></tr>
          <tr><th scope="row">{t("itr.taxable")}</th><td>{kes(props.employment.totals.taxablePay)}</td></tr>
          <tr><th scope="row">{t("itr.paye")}</th><td>{kes(props.employment.totals.paye)}</td></tr>
        </tbody>
      </table>
      <p class="alert">{t("itr.cannotEdit")}</p>
      <p class="muted">{t("itr.missing")}</p>
    </div>
  );
}

/** Step 4: the upstream's computation, line by line (lines it left out are not shown), and the one-sentence result. */
export function SummaryLines(props: { summary: ItrSummary }) {
  const t = useItrText();
  const lines = () => SUMMARY_LINES.filter((line) => line !== "tax_due_refund_due" && props.summary.lines[line] !== undefined);
  return (
    <div data-testid="itr-summary">
      <table class="lines">
        <tbody>
          <For each={lines()}>{(line) => <tr><th scope="row">{t(`itr.line.${line}`)}</th><td>{kes(props.summary.lines[line]!)}</td></tr>}</For>
        </tbody>
      </table>
      <ResultSentence taxDue={props.summary.taxDue} />
    </div>
  );
}

export function ResultSentence(props: { taxDue: number }) {
  const t = useItrText();
  const result = () => itrResult(props.taxDue);
  return (
    <p class="alert ok" data-testid="itr-result">
      <strong>
        <Show when={result().kind !== "nothing"} fallback={t("itr.nothing")}>
          {t(result().kind === "owe" ? "itr.owe" : "itr.refund", { amount: kes("amount" in result() ? (result() as { amount: number }).amount : 0) })}
        </Show>
      </strong>
    </p>
  );
}

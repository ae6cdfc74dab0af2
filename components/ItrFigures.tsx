import { For, Show } from "solid-js";
import { itrResult, SUMMARY_LINES, type Employment, type ItrSummary, type SummaryLine } from "../server/shared/itr";
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
            <caption><strong>{employer.name}</strong><br /><span class="muted">{t("itr.employerPin", { pin: employer.pin })}</span></caption>
            <tbody>
              <tr><th scope="row">{t("itr.gross")}</th><td class="num">{kes(employer.grossPay)}</td></tr>
              <tr><th scope="row">{t("itr.taxable")}</th><td class="num">{kes(employer.taxablePay)}</td></tr>
              <tr><th scope="row">{t("itr.paye")}</th><td class="num">{kes(employer.paye)}</td></tr>
            </tbody>
          </table>
        )}
      </For>
      <table class="lines" data-testid="itr-totals">
        <caption><strong>{t("itr.totals")}</strong></caption>
        <tbody>
          <tr><th scope="row">{t("itr.gross")}</th><td class="num">{kes(props.employment.totals.grossPay)}</td></tr>
          <tr><th scope="row">{t("itr.taxable")}</th><td class="num">{kes(props.employment.totals.taxablePay)}</td></tr>
          <tr><th scope="row">{t("itr.paye")}</th><td class="num">{kes(props.employment.totals.paye)}</td></tr>
        </tbody>
      </table>
      <p class="alert">{t("itr.cannotEdit")}</p>
      <p class="muted">{t("itr.missing")}</p>
    </div>
  );
}

/** Always shown: income, deductions, taxable income, tax, relief, PAYE already paid. */
const MAIN_LINES = new Set<SummaryLine>([
  "employment_income", "total_deduction", "net_taxable_income", "tax_on_taxable_income", "personal_relief",
  "total_of_tax_payable_less_reliefs_and_exemptions", "paye_deducted_from_salary",
]);

/**
 * Step 4: the upstream's computation, line by line, and the one-sentence result. Lines it left out or
 * that are 0 (unless main) are not shown, nor credits that only repeat the PAYE already paid.
 */
export function SummaryLines(props: { summary: ItrSummary }) {
  const t = useItrText();
  const shown = (line: SummaryLine) => {
    const value = props.summary.lines[line];
    if (value === undefined || line === "tax_due_refund_due") return false;
    if ((line === "tax_credits" || line === "credits") && value === props.summary.lines.paye_deducted_from_salary) return false;
    return MAIN_LINES.has(line) || value !== 0;
  };
  const lines = () => SUMMARY_LINES.filter(shown);
  return (
    <div data-testid="itr-summary">
      <table class="lines">
        <tbody>
          <For each={lines()}>{(line) => <tr><th scope="row">{t(`itr.line.${line}`)}</th><td class="num">{kes(props.summary.lines[line]!)}</td></tr>}</For>
        </tbody>
      </table>
      <ResultSentence taxDue={props.summary.taxDue} />
    </div>
  );
}

export function ResultSentence(props: { taxDue: number }) {
  const t = useItrText();
  const result = () => itrResult(props.taxDue);
  // A refund or nothing to pay is good news; an amount owed is true but not good news, so not in green.
  return (
    <p class={result().kind === "owe" ? "alert warn" : "alert ok"} data-testid="itr-result">
      <strong>
        <Show when={result().kind !== "nothing"} fallback={t("itr.nothing")}>
          {t(result().kind === "owe" ? "itr.owe" : "itr.refund", { amount: kes("amount" in result() ? (result() as { amount: number }).amount : 0) })}
        </Show>
      </strong>
    </p>
  );
}

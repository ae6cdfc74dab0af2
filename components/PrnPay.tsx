import { createSignal, Show } from "solid-js";
import { prnDate } from "../server/shared/obligations";
import { loadReader } from "./lib/returns-readers";
import { ProblemAlert } from "./ProblemAlert";
import { useReturnsFormText } from "./i18n/returns-forms";
import { MpesaPay } from "./MpesaPay";
import { formatMoney, wholeShillings } from "./lib/money";
import { createSubmission } from "./lib/submission";
import { keepReference } from "./lib/last-reference";
import { ScriptButton } from "./ScriptButton";

export interface PrnRequest { obligation: string; from: string; to: string; amount: number }

/** Generates a PRN for an amount (in the date format the obligation needs), then offers the M-Pesa prompt. */
export function PrnPay(props: { request: PrnRequest; msisdn: string }) {
  const t = useReturnsFormText();
  const { problem, busy, run } = createSubmission();
  const [prn, setPrn] = createSignal<string>();
  const generate = async () => {
    const { obligation, from, to, amount } = props.request;
    const body = {
      obligation_id: obligation, tax_period_from: prnDate(obligation, from), tax_period_to: prnDate(obligation, to), amount: wholeShillings(amount),
    };
    const answer = await run("POST", "/generate-prn", body, loadReader("readPrn"));
    if (!answer) return;
    keepReference("prn", answer.value);
    setPrn(answer.value);
  };
  return (
    <Show when={prn()} fallback={
      <div class="card">
        <p>{t("pay.forAmount", { amount: formatMoney(Math.ceil(props.request.amount)) })}</p>
        <ProblemAlert problem={problem()} />
        <ScriptButton class="btn" disabled={busy()} onClick={generate}>{busy() ? t("common.loading") : t("pay.getPrn")}</ScriptButton>
      </div>
    }>
      {(value) => <MpesaPay prn={value()} amount={Math.ceil(props.request.amount)} msisdn={props.msisdn} />}
    </Show>
  );
}

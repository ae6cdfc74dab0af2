import { createSignal, Show } from "solid-js";
import { loadReader } from "./lib/returns-readers";
import { ProblemAlert } from "./ProblemAlert";
import { useReturnsFormText } from "./i18n/returns-forms";
import { formatMoney } from "./lib/money";
import { createSubmission } from "./lib/submission";
import { WhatsAppSend } from "./WhatsAppSend";
import { ScriptButton } from "./ScriptButton";

/** A PRN to keep, and an M-Pesa prompt to the session's own phone (the gateway fills the number). */
export function MpesaPay(props: { prn: string; amount?: number; msisdn: string }) {
  const t = useReturnsFormText();
  const { problem, busy, run } = createSubmission();
  const [sent, setSent] = createSignal(false);
  const pay = async () => {
    if (await run("POST", "/make-payment", { prn: props.prn }, loadReader("readPayment"))) setSent(true);
  };
  return (
    <div class="card" data-testid="mpesa">
      <p><strong>{t("pay.prn", { prn: props.prn })}</strong></p>
      <Show when={props.amount !== undefined}><p>{t("pay.amount", { amount: formatMoney(props.amount ?? 0) })}</p></Show>
      <p class="muted">{t("pay.keep")}</p>
      <WhatsAppSend document={{ document: "prn", prn: props.prn, amount: props.amount ? Math.ceil(props.amount) : undefined }} />
      <Show when={!sent()} fallback={<Sent />}>
        <ProblemAlert problem={problem()} />
        <ScriptButton class="btn" disabled={busy()} onClick={pay}>
          {busy() ? t("common.loading") : t("pay.send", { msisdn: props.msisdn })}
        </ScriptButton>
      </Show>
    </div>
  );

  function Sent() {
    return (
      <div role="status" data-testid="mpesa-sent">
        <p class="alert ok">{t("pay.sent", { msisdn: props.msisdn })}</p>
        <p class="muted">{t("pay.noPrompt", { prn: props.prn })}</p>
        <ScriptButton class="btn secondary" disabled={busy()} onClick={pay}>{t("pay.again")}</ScriptButton>
      </div>
    );
  }
}

import { createEffect } from "solid-js";
import { useReturnsFormText } from "./i18n/returns-forms";
import { keepReference } from "./lib/last-reference";
import { ScriptButton } from "./ScriptButton";

/**
 * The eSlip page's result (routes/payments/eslip.tsx loads it on demand, issue 22): the prompt was sent for this
 * PRN, which this browser keeps for the session-ended page; send again, or pay another.
 */
export function EslipSent(props: { prn: string; msisdn: string; busy: boolean; onAgain: () => void; onAnother: () => void }) {
  const t = useReturnsFormText();
  createEffect(() => keepReference("prn", props.prn));
  return (
    <div class="card" role="status" data-testid="mpesa-sent">
      <p><strong>{t("pay.prn", { prn: props.prn })}</strong></p>
      <p class="alert ok">{t("pay.sent", { msisdn: props.msisdn })}</p>
      <p class="muted">{t("pay.noPrompt", { prn: props.prn })}</p>
      <ScriptButton class="btn secondary" disabled={props.busy} onClick={() => props.onAgain()}>{t("pay.again")}</ScriptButton>
      <ScriptButton class="btn secondary" onClick={() => props.onAnother()}>{t("eslip.another")}</ScriptButton>
    </div>
  );
}

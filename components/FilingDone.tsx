import { createEffect, Show } from "solid-js";
import type { Filing } from "../server/shared/returns-read";
import { useReturnsFormText } from "./i18n/returns-forms";
import { MpesaPay } from "./MpesaPay";
import { PrnPay, type PrnRequest } from "./PrnPay";
import { WhatsAppSend } from "./WhatsAppSend";
import { keepReference } from "./lib/last-reference";
import { registerNotices } from "./i18n/notices";

// Its "already sent" text is in the notices catalogue (components/i18n/notices.ts).
registerNotices();

/** The filing's acknowledgement, when there was a filing. */
export function Filed(props: { filing: Filing | undefined }) {
  const t = useReturnsFormText();
  createEffect(() => keepReference("acknowledgement", props.filing?.ack));
  return (
    <Show when={props.filing}>
      {(filing) => (
        <div class="card" role="status" data-testid="filed">
          <h3>{t("returns.filed")}</h3>
          <Show when={filing().ack} fallback={<p>{t("returns.noAck")}</p>}>{(ack) => <p><strong>{t("returns.ack", { ack: ack() })}</strong></p>}</Show>
          <p class="muted">{t("returns.keep")}</p>
          <Show when={filing().ack}>{(ack) => <WhatsAppSend document={{ document: "acknowledgement", ack: ack() }} />}</Show>
        </div>
      )}
    </Show>
  );
}

/**
 * The end of a filing journey: the acknowledgement, then, when paying, the M-Pesa prompt for the PRN
 * the filing answered with, or for a new PRN generated for the amount due.
 */
export function FilingDone(props: { filing: Filing | undefined; pay: boolean; request: PrnRequest; msisdn: string }) {
  const t = useReturnsFormText();
  return (
    <>
      <Filed filing={props.filing} />
      <Show when={props.pay && props.request.amount > 0}>
        <Show when={props.filing?.prn} fallback={<PrnPay request={props.request} msisdn={props.msisdn} />}>
          {(prn) => <MpesaPay prn={prn()} amount={Math.ceil(props.filing?.taxDue ?? props.request.amount)} msisdn={props.msisdn} />}
        </Show>
      </Show>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}

/** Instead of a step's actions once the return is filed: what KRA has, and the way out (Forward shows the result again). */
export function AlreadyFiled(props: { filing: Filing }) {
  const t = useReturnsFormText();
  return (
    <>
      <p class="alert ok" data-testid="already-submitted">{t("review.already", { number: props.filing.ack ?? t("returns.filed") })}</p>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}

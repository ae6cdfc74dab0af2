import { createAsync } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { ProblemAlert } from "./ProblemAlert";
import { Notice } from "./Notice";
import { createSubmission } from "./lib/submission";
import { loadActiveSession } from "./lib/session";
import { useI18n } from "./i18n";
import { ScriptButton } from "./ScriptButton";
import { registerNotices } from "./i18n/notices";

// Its texts (wa.*) are in the notices catalogue (components/i18n/notices.ts).
registerNotices();

/** What the gateway sends (server/utils/whatsapp.ts): an eTIMS PDF by its address, or a drawn note of a number. */
export type WhatsAppDocument =
  | { document: "invoice" | "credit_note"; invoice: string; key: string }
  | { document: "acknowledgement"; ack: string }
  | { document: "prn"; prn: string; amount?: number };

/**
 * "Send to my WhatsApp": the gateway sends the document to the session's own number.
 * Hidden unless the server has the feature on; the refusals (window closed, limit reached) speak for themselves.
 */
export function WhatsAppSend(props: { document: WhatsAppDocument }) {
  const { t } = useI18n();
  const session = createAsync(() => loadActiveSession());
  const { problem, busy, post } = createSubmission();
  const [sent, setSent] = createSignal(false);
  const send = async () => setSent((await post<{ sent: boolean }>("/session/whatsapp/send", props.document)) !== undefined);
  return (
    <Show when={session()?.whatsapp}>
      <div data-testid="whatsapp-send">
        <Notice text={sent() ? t("wa.sent") : session()?.whatsappUndelivered ? t("wa.undelivered") : undefined} />
        <ProblemAlert problem={problem()} />
        <Show when={!sent()}>
          <ScriptButton class="btn secondary" disabled={busy()} onClick={send}>{busy() ? t("wa.sending") : t("wa.send")}</ScriptButton>
        </Show>
      </div>
    </Show>
  );
}

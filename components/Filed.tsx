import { Show } from "solid-js";
import type { Filing } from "../server/shared/returns";
import { useReturnsText } from "./i18n/returns";

/** The filing's acknowledgement, when there was a filing. */
export function Filed(props: { filing: Filing | undefined }) {
  const t = useReturnsText();
  return (
    <Show when={props.filing}>
      {(filing) => (
        <div class="card" role="status" data-testid="filed">
          <h3>{t("returns.filed")}</h3>
          <Show when={filing().ack} fallback={<p>{t("returns.noAck")}</p>}>{(ack) => <p><strong>{t("returns.ack", { ack: ack() })}</strong></p>}</Show>
          <p class="muted">{t("returns.keep")}</p>
        </div>
      )}
    </Show>
  );
}

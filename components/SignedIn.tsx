import { createAsync } from "@solidjs/router";
import { Show, type JSX } from "solid-js";
import type { ServiceName } from "../server/shared/services";
import type { SessionView } from "../server/shared/session-view";
import { useI18n } from "./i18n";
import { LaterSessionWarning } from "./LaterSessionWarning";
import { loadActiveSession } from "./lib/session";

/**
 * Renders its children only for an active session; otherwise the loader redirects (OTP or session ended).
 * A page of a service operators paused says so plainly instead.
 */
export function SignedIn(props: { service?: ServiceName; children: (session: SessionView) => JSX.Element }) {
  const session = createAsync(() => loadActiveSession());
  return (
    <Show when={session()}>
      {(view) => (
        <>
          <NoScript />
          <LaterSessionWarning expiresAt={view().expiresAt} />
          <Show when={!props.service || !view().paused.includes(props.service)} fallback={<ServicePaused />}>
            {props.children(view())}
          </Show>
        </>
      )}
    </Show>
  );
}

function ServicePaused() {
  const { t } = useI18n();
  return (
    <div class="card" role="status" data-testid="service-paused">
      <p>{t("service.paused")}</p>
      <a class="btn secondary" href="/">{t("common.home")}</a>
    </div>
  );
}

/**
 * Without JavaScript (some WebViews, data-saver modes) these pages cannot work: say so plainly,
 * and hide the "Loading…" that would never end.
 */
function NoScript() {
  const { t } = useI18n();
  return (
    <noscript>
      <style>{".loading { display: none; }"}</style>
      <p class="alert warn" data-testid="noscript">{t("app.noscript")}</p>
    </noscript>
  );
}

import { Show, type JSX } from "solid-js";
import type { ServiceName } from "../server/shared/services";
import type { SessionView } from "../server/shared/session-view";
import { useReturnsText } from "./i18n/returns";
import { SignedIn } from "./SignedIn";

/** Returns and payments need the taxpayer's KRA PIN, which the server keeps from sign-in; without one, say so plainly. */
export function WithPin(props: { service: ServiceName; children: (session: SessionView) => JSX.Element }) {
  const t = useReturnsText();
  return (
    <SignedIn service={props.service}>
      {(session) => (
        <Show when={session.hasPin} fallback={<NoPin />}>
          {props.children(session)}
        </Show>
      )}
    </SignedIn>
  );

  function NoPin() {
    return (
      <div class="card" role="status" data-testid="no-pin">
        <p>{t("returns.noPin")}</p>
        <a class="btn secondary" href="/">{t("common.home")}</a>
      </div>
    );
  }
}

import { Show, type JSX } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import { useReturnsText } from "./i18n/returns";
import { SignedIn } from "./SignedIn";

/** Returns and payments need the taxpayer's KRA PIN, which the server keeps from sign-in; without one, say so plainly. */
export function WithPin(props: { children: (session: SessionView) => JSX.Element }) {
  const t = useReturnsText();
  return (
    <SignedIn>
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

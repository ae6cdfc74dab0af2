import { Show, type JSX } from "solid-js";
import { describeProblem, type ApiProblem } from "./lib/gateway-api";
import { useI18n } from "./i18n";

/**
 * A problem announced to screen readers, with the request id to quote to support. `say` words some
 * problems for this page (e.g. naming only the fields its form has); the rest get the app's sentence.
 */
export function ProblemAlert(props: { problem: ApiProblem | undefined; say?: (problem: ApiProblem) => JSX.Element | undefined }) {
  const { t, language } = useI18n();
  return (
    <div aria-live="assertive" role="alert">
      <Show when={props.problem}>
        {(problem) => (
          <div class="alert error">
            <p>{props.say?.(problem()) ?? describeProblem(problem(), t, language())}</p>
            <Show when={problem().kind !== "network" && (problem() as { requestId?: string }).requestId}>
              {(id) => <p class="muted">{t("common.reference", { id: id() })}</p>}
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

export function Notice(props: { text: string | undefined }) {
  return (
    <div aria-live="polite" role="status">
      <Show when={props.text}>{(text) => <p class="alert ok">{text()}</p>}</Show>
    </div>
  );
}

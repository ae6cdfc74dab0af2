import { createEffect, createSignal, Show, type JSX } from "solid-js";
import type { Language } from "../server/shared/language";
import type { describeProblem } from "./lib/describe-problem";
import type { ApiProblem } from "./lib/gateway-api";
import { useI18n, type Translate } from "./i18n";

let describer: Promise<{ describeProblem: typeof describeProblem }> | undefined;

/**
 * The problem's sentence. The catalogue that words it loads with the first problem, not with the
 * page (issue 22: the returns page's first scripts); offline, or if it cannot load, the offline text.
 */
async function describe(problem: ApiProblem, t: Translate, language: Language): Promise<string> {
  if (problem.kind === "network") return t("error.network");
  try {
    return (await (describer ??= import("./lib/describe-problem"))).describeProblem(problem, t, language);
  } catch {
    describer = undefined;
    return t("error.network");
  }
}

/**
 * A problem announced to screen readers, with the request id to quote to support. `say` words some
 * problems for this page (e.g. naming only the fields its form has); the rest get the app's sentence.
 */
export function ProblemAlert(props: { problem: ApiProblem | undefined; say?: (problem: ApiProblem) => JSX.Element | undefined }) {
  const { t, language } = useI18n();
  // Not a resource: one that is loading would suspend the page around it while the catalogue loads.
  const [text, setText] = createSignal<string>();
  createEffect(() => {
    const problem = props.problem;
    if (problem) void describe(problem, t, language()).then((sentence) => problem === props.problem && setText(sentence));
  });
  return (
    <div aria-live="assertive" role="alert">
      <Show when={props.problem}>
        {(problem) => (
          <div class="alert error">
            <p>{props.say?.(problem()) ?? text()}</p>
            <Show when={problem().kind !== "network" && (problem() as { requestId?: string }).requestId}>
              {(id) => <p class="muted">{t("common.reference", { id: id() })}</p>}
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

import { createEffect, createResource, For, Show, untrack } from "solid-js";
import { isServer } from "solid-js/web";
import type { Obligation } from "../server/shared/returns-read";
import { loadReader } from "./lib/returns-readers";
import { ProblemAlert } from "./ProblemAlert";
import { Choice } from "./Field";
import { useFormText } from "./i18n/returns";
import { useObligationName } from "./i18n/obligations";
import { nilForm } from "./i18n/form-nil";
import { createSubmission } from "./lib/submission";

/**
 * The taxpayer's obligations from the upstream as radio choices (fetched in the browser). `preselect`
 * (a link's `?obligation=`, e.g. the ITR page's "File a NIL income tax return") is chosen once the list has it.
 */
export function ObligationPicker(props: { only?: (id: string) => boolean; value: string; onChange: (o: Obligation) => void; preselect?: string }) {
  const t = useFormText(nilForm);
  const obligationName = useObligationName();
  const { problem, run } = createSubmission();
  const [list] = createResource(() => !isServer, async () =>
    ((await run("GET", "/tax-payer-obligations", undefined, loadReader("readObligations")))?.value ?? []).filter((o) => !props.only || props.only(o.id)));
  // An effect, not the fetcher: a write made while the router's navigation is still pending would be lost.
  createEffect(() => {
    const preselected = list()?.find((o) => o.id === props.preselect);
    if (preselected && !untrack(() => props.value)) props.onChange(preselected);
  });
  return (
    <fieldset data-testid="obligation-picker">
      <legend>{t("returns.choose")}</legend>
      <ProblemAlert problem={problem()} />
      <Show when={list()} fallback={<p class="muted loading">{t("common.loading")}</p>}>
        <Show when={list()!.length > 0} fallback={<p>{t("returns.none")}</p>}>
          <For each={list()}>
            {(o) => (
              <Choice type="radio" name="obligation" value={o.id} checked={props.value === o.id} onChange={() => props.onChange(o)} label={obligationName(o)} />
            )}
          </For>
        </Show>
      </Show>
    </fieldset>
  );
}

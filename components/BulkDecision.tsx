import { createSignal, For, Show } from "solid-js";
import { describeProblem } from "./lib/describe-problem";
import { callApi } from "./lib/gateway-api";
import { useI18n } from "./i18n";
import { useBulkText } from "./i18n/bulk";
import { ScriptButton } from "./ScriptButton";

interface Outcome { invoice: string; ok: boolean; reason?: string }

/**
 * Accept or reject several buyer-initiated invoices: the existing single-invoice
 * call once per invoice, one after another, with progress, then which succeeded.
 */
export function BulkDecision(props: { selected: string[]; onDone: () => void }) {
  const { t: appText, language } = useI18n();
  const t = useBulkText();
  const [progress, setProgress] = createSignal<{ done: number; total: number }>();
  const [outcomes, setOutcomes] = createSignal<Outcome[]>();
  const [confirming, setConfirming] = createSignal<"accept" | "reject">();
  const decide = async (action: "accept" | "reject") => {
    const invoices = [...props.selected];
    const results: Outcome[] = [];
    setOutcomes(undefined);
    setConfirming(undefined);
    for (const [index, invoice] of invoices.entries()) {
      setProgress({ done: index + 1, total: invoices.length });
      const result = await callApi("POST", "/buyer-initiated/action/submit", { action, invoice });
      results.push(result.ok ? { invoice, ok: true } : { invoice, ok: false, reason: describeProblem(result.problem, appText, language()) });
    }
    setProgress(undefined);
    setOutcomes(results);
    props.onDone();
  };
  return (
    <div data-testid="bulk">
      <Show when={props.selected.length > 0 && !progress()}>
        <p class="muted">{t("bulk.selected", { count: props.selected.length })}</p>
        <Show when={confirming()} fallback={
          <>
            <ScriptButton class="btn" onClick={() => setConfirming("accept")}>{t("bulk.accept")}</ScriptButton>
            <ScriptButton class="btn secondary" onClick={() => setConfirming("reject")}>{t("bulk.reject")}</ScriptButton>
          </>
        }>
          {(action) => (
            <div class="alert warn" role="alert" data-testid="bulk-confirm">
              <p>{t(action() === "accept" ? "bulk.confirmAccept" : "bulk.confirmReject", { count: props.selected.length })}</p>
              <ScriptButton class="btn" onClick={() => decide(action())}>{t(action() === "accept" ? "bulk.yesAccept" : "bulk.yesReject")}</ScriptButton>
              <ScriptButton class="btn secondary" onClick={() => setConfirming(undefined)}>{t("bulk.notNow")}</ScriptButton>
            </div>
          )}
        </Show>
      </Show>
      <div role="status" aria-live="polite">
        <Show when={progress()}>{(now) => <p class="alert ok" data-testid="bulk-progress">{t("bulk.progress", now())}</p>}</Show>
        <Show when={outcomes()}>
          {(list) => (
            <div class="card" data-testid="bulk-summary">
              <p><strong>{t("bulk.summary", { ok: list().filter((o) => o.ok).length, total: list().length })}</strong></p>
              <ul class="list">
                <For each={list()}>
                  {(o) => <li class={o.ok ? "alert ok" : "alert error"}>{o.ok ? t("bulk.done", { invoice: o.invoice }) : t("bulk.failed", { invoice: o.invoice, reason: o.reason ?? "" })}</li>}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </div>
    </div>
  );
}

import { createSignal, onCleanup, onMount, Show, type Component, type JSX } from "solid-js";
import { isServer } from "solid-js/web";
import { useI18n } from "../i18n";
import { whenIdle } from "./when-idle";

/** A later step's view whose code is not in its page's first scripts; `preload` starts fetching it. */
export interface OnDemand<P> {
  (props: P): JSX.Element;
  preload: () => Promise<unknown>;
}

/**
 * A form's later step (the filing's result, the payment...), loaded on demand so the form's first scripts stay
 * within the house's budget (issue 22, tests/ui/budgets.test.ts). Until the code is there it says "Loading…"; if
 * it cannot load, the offline sentence, and showing the step again tries again. Not a `lazy()`: that suspends the
 * page around it and keeps a failed load for good.
 */
export function onDemand<P extends object>(load: () => Promise<Component<P>>): OnDemand<P> {
  let loading: Promise<Component<P>> | undefined;
  const [loaded, setLoaded] = createSignal<Component<P>>();
  const [failed, setFailed] = createSignal(false);
  const preload = () => (loading ??= load().then((view) => (setLoaded(() => view), view), (error: unknown) => {
    loading = undefined;
    setFailed(true);
    throw error;
  }));
  const View = (props: P) => {
    const { t } = useI18n();
    if (!isServer && !loaded()) {
      setFailed(false);
      void preload().catch(() => undefined);
    }
    return (
      <Show when={loaded()} keyed fallback={<p class="muted loading" role="status">{failed() ? t("error.network") : t("common.loading")}</p>}>
        {(Loaded) => <Loaded {...props} />}
      </Show>
    );
  };
  return Object.assign(View, { preload: () => preload().catch(() => undefined) });
}

const FIRST_TOUCH = ["pointerdown", "keydown", "focusin"] as const;

/**
 * Starts fetching a form's later steps (and the answers' readers, components/lib/returns-readers.ts) as soon as the
 * taxpayer starts filling it in, or once the page is idle if sooner: on a slow phone, the tap on Continue or Pay then
 * waits for the call alone, not for a round trip of code after it.
 */
export function preloadSoon(...views: { preload: () => Promise<unknown> }[]): void {
  onMount(() => {
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      for (const type of FIRST_TOUCH) window.removeEventListener(type, start, true);
      for (const view of views) void view.preload().catch(() => undefined);
    };
    for (const type of FIRST_TOUCH) window.addEventListener(type, start, { capture: true, passive: true });
    onCleanup(() => {
      started = true;
      for (const type of FIRST_TOUCH) window.removeEventListener(type, start, true);
    });
    whenIdle(start);
  });
}

import { createSignal, onCleanup, onMount } from "solid-js";

/**
 * A journey's current step, kept in the browser's history: each step is a history entry (same
 * URL), so Android's Back returns to the previous step with what was typed still there (the
 * page's state lives on), and Forward comes back, to the result too. Moving focuses the page
 * heading so screen readers follow.
 */
export function createSteps<Step extends string>(first: Step) {
  const [step, setStep] = createSignal<Step>(first);
  const focus = () => queueMicrotask(() => document.getElementById("main")?.focus());
  onMount(() => {
    const onPop = (event: PopStateEvent) => {
      const saved = (event.state as { journeyStep?: Step } | null)?.journeyStep;
      setStep(() => saved ?? first);
      focus();
    };
    window.addEventListener("popstate", onPop);
    onCleanup(() => window.removeEventListener("popstate", onPop));
    history.replaceState({ ...(history.state as object | null), journeyStep: first }, "");
  });
  const go = (next: Step) => {
    if (next === step()) return;
    history.pushState({ ...(history.state as object | null), journeyStep: next }, "");
    setStep(() => next);
    focus();
  };
  return [step, go] as const;
}

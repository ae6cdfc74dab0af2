import { createSignal } from "solid-js";

/** A journey's current step; moving focuses the page heading so screen readers follow. */
export function createSteps<Step extends string>(first: Step) {
  const [step, setStep] = createSignal<Step>(first);
  const go = (next: Step) => {
    setStep(() => next);
    queueMicrotask(() => document.getElementById("main")?.focus());
  };
  return [step, go] as const;
}

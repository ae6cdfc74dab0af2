import { createComponent, createSignal, onMount, Show, type Component } from "solid-js";

/**
 * The warning before the session ends (components/SessionWarning.tsx) shows minutes after a page
 * opens, so it loads after the page, not with its first scripts (issue 22's JavaScript budgets).
 * Shown only once the page's script runs, its "stay signed in" button always works when seen.
 */
export function LaterSessionWarning(props: { expiresAt: string }) {
  const [warning, setWarning] = createSignal<Component<{ expiresAt: string }>>();
  onMount(() => void import("./SessionWarning").then((module) => setWarning(() => module.SessionWarning), () => undefined));
  return <Show when={warning()}>{(component) => createComponent(component(), { get expiresAt() { return props.expiresAt; } })}</Show>;
}

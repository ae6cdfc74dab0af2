import { createSignal, onMount, type JSX } from "solid-js";

/**
 * A button whose tap needs the page's script. Served disabled, and disabled until this button has
 * hydrated (its handler attached): before that, on a slow network, a tap would do nothing at all.
 * Then `disabled` is the caller's own. A real form's submit button, which works without script,
 * stays a plain `<button type="submit">`.
 */
export function ScriptButton(props: { class: string; disabled?: boolean; onClick: (event: MouseEvent) => unknown; children: JSX.Element }) {
  const [ready, setReady] = createSignal(false);
  onMount(() => setReady(true));
  return (
    <button type="button" class={props.class} disabled={!ready() || props.disabled} onClick={(event) => props.onClick(event)}>
      {props.children}
    </button>
  );
}

import { Show } from "solid-js";

/** A success or progress line, announced politely to screen readers. */
export function Notice(props: { text: string | undefined }) {
  return (
    <div aria-live="polite" role="status">
      <Show when={props.text}>{(text) => <p class="alert ok">{text()}</p>}</Show>
    </div>
  );
}

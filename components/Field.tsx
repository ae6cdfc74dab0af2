import { Show, splitProps, type JSX } from "solid-js";

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field(props: InputProps & { id: string; label: string; hint?: string; error?: string }) {
  const [own, input] = splitProps(props, ["label", "hint", "error"]);
  const describedBy = () => [own.hint && `${props.id}-hint`, own.error && `${props.id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label for={props.id}>
        {own.label}
        <Show when={own.hint}><span class="hint" id={`${props.id}-hint`}>{own.hint}</span></Show>
      </label>
      <input {...input} aria-invalid={own.error ? "true" : undefined} aria-describedby={describedBy()} />
      <Show when={own.error}><p class="field-error" id={`${props.id}-error`}>{own.error}</p></Show>
    </div>
  );
}

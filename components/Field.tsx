import { Show, splitProps, type JSX } from "solid-js";

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose hint and error are tied to it for screen readers; `announce` also reads the error out as it appears. */
export function Field(props: InputProps & { id: string; label: string; hint?: string; error?: string; announce?: boolean }) {
  const [own, input] = splitProps(props, ["label", "hint", "error", "announce"]);
  const describedBy = () => [own.hint && `${props.id}-hint`, own.error && `${props.id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label for={props.id}>
        {own.label}
        <Show when={own.hint}><span class="hint" id={`${props.id}-hint`}>{own.hint}</span></Show>
      </label>
      <input ref={keepTypedText} {...input} aria-invalid={own.error ? "true" : undefined} aria-describedby={describedBy()} />
      <Show when={own.error}><p class="field-error" id={`${props.id}-error`} role={own.announce ? "alert" : undefined}>{own.error}</p></Show>
    </div>
  );
}

/**
 * Text typed before the page's script ran (a slow network) reaches the page's state: hydration
 * leaves it on screen but not in the state (or resets it). The ref runs before hydration sets
 * the value, so it keeps the text, puts it back and tells the page's handler, as if typed now.
 */
function keepTypedText(input: HTMLInputElement): void {
  const typed = input.value;
  if (!typed) return;
  queueMicrotask(() => {
    input.value = typed;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** A radio button or checkbox with its label; a choice made before the page's script ran survives hydration. */
export function Choice(props: InputProps & { label: JSX.Element }) {
  const [own, input] = splitProps(props, ["label"]);
  return <label class="choice"><input ref={keepChosen} {...input} />{own.label}</label>;
}

/**
 * The same for a choice: hydration sets `checked` from the page's state again. A box whose state
 * differs from the one served (or a radio button chosen instead of the served one) is set back
 * and its change reported. Radio buttons left unchosen need nothing: choosing one clears them.
 */
function keepChosen(input: HTMLInputElement): void {
  const chosen = input.checked;
  if (chosen === input.defaultChecked || (input.type === "radio" && !chosen)) return;
  queueMicrotask(() => {
    input.checked = chosen;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

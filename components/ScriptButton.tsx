import { createSignal, onMount, type JSX } from "solid-js";

type ScriptButtonProps = {
  class: string;
  disabled?: boolean;
  /** A call in flight: disabled, and saying `busyLabel` if given. */
  busy?: boolean;
  /** What the button says while busy and before the page's script runs (a form's "Loading…"). */
  busyLabel?: string;
  children: JSX.Element;
} & (
  | { type?: "button"; onClick: (event: MouseEvent) => unknown }
  /** The submit button of a form whose onSubmit sends it by script (e-slip, TCC, sign-up, PIN). */
  | { type: "submit"; onClick?: undefined }
);

/**
 * The one "disabled until the script runs" for every button whose tap needs the page's script: a
 * tap-only button, and the submit button of a form the script sends. Served disabled, and disabled
 * until this button has hydrated (its handler, or its form's onSubmit, attached): before that, on a
 * slow network, a tap would do nothing at all, or post the form natively (a route's JSON answer instead
 * of the page; a disabled submit also stops the Enter key's implicit submission). Then `disabled` and
 * `busy` are the caller's own. A form that works without script keeps a plain `<button type="submit">`.
 */
export function ScriptButton(props: ScriptButtonProps) {
  const [ready, setReady] = createSignal(false);
  onMount(() => setReady(true));
  const waiting = () => !ready() || props.busy === true;
  return (
    <button type={props.type ?? "button"} class={props.class} disabled={waiting() || props.disabled} onClick={(event) => props.onClick?.(event)}>
      {waiting() && props.busyLabel !== undefined ? props.busyLabel : props.children}
    </button>
  );
}

import { useSearchParams } from "@solidjs/router";
import { getRequestEvent, isServer } from "solid-js/web";
import { Show } from "solid-js";

/** `/?phone=…` is the WhatsApp link's landing: no side effects, a form that posts the link to /entry. */
export default function Index() {
  const [params] = useSearchParams();
  const phone = () => (typeof params.phone === "string" ? params.phone : undefined);
  return (
    <Show when={phone()} fallback={<main><h1>KRA eTIMS</h1></main>}>
      <EntryForm phone={phone()!} exp={params.exp} nonce={params.nonce} sig={params.sig} />
    </Show>
  );
}

function EntryForm(props: { phone: string; exp?: string | string[]; nonce?: string | string[]; sig?: string | string[] }) {
  const nonce = isServer ? getRequestEvent()?.nativeEvent.context.cspNonce : undefined;
  const text = (value?: string | string[]) => (typeof value === "string" ? value : undefined);
  return (
    <main>
      <form id="entry" method="post" action="/entry">
        <input type="hidden" name="phone" value={props.phone} />
        <Show when={text(props.exp)}><input type="hidden" name="exp" value={text(props.exp)} /></Show>
        <Show when={text(props.nonce)}><input type="hidden" name="nonce" value={text(props.nonce)} /></Show>
        <Show when={text(props.sig)}><input type="hidden" name="sig" value={text(props.sig)} /></Show>
        <button type="submit">Continue</button>
      </form>
      <script nonce={nonce}>{`history.replaceState(null,"","/");document.getElementById("entry").submit();`}</script>
    </main>
  );
}

import { createAsync, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { Layout } from "../components/Layout";
import { useI18n } from "../components/i18n";
import { loadSession } from "../components/session";
import { Home } from "../components/Home";

const LINK_FIELDS = ["phone", "exp", "nonce", "sig"] as const;

/** `/?phone=…` is the WhatsApp link's landing; `/` alone is the home page. */
export default function Index() {
  const [params] = useSearchParams();
  return (
    <Show when={typeof params.phone === "string"} fallback={<SignedInHome />}>
      <EntryForm fields={Object.fromEntries(LINK_FIELDS.map((name) => [name, text(params[name])]))} />
    </Show>
  );
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value.slice(0, 100) : undefined);

function SignedInHome() {
  const { t } = useI18n();
  const session = createAsync(() => loadSession());
  return (
    <Show when={session()} fallback={<Layout title="app.title"><p class="card">{t("home.open")}</p></Layout>}>
      {(view) => <Home session={view()} />}
    </Show>
  );
}

/**
 * No side effects here (WhatsApp's preview bot fetches every link): the form
 * posts the link's fields to /entry, by script at once, by the button otherwise.
 */
function EntryForm(props: { fields: Record<string, string | undefined> }) {
  const { t } = useI18n();
  const nonce = isServer ? getRequestEvent()?.nativeEvent.context.cspNonce : undefined;
  return (
    <Layout title="entry.title">
      <form id="entry" class="card" method="post" action="/entry">
        <p>{t("entry.body")}</p>
        {LINK_FIELDS.map((name) => (props.fields[name] === undefined ? null : <input type="hidden" name={name} value={props.fields[name]} />))}
        <button class="btn" type="submit">{t("common.continue")}</button>
      </form>
      <script nonce={nonce}>{`history.replaceState(null,"","/");document.getElementById("entry").submit();`}</script>
    </Layout>
  );
}

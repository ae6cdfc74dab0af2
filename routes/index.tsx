import { createAsync, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { EntryForm, LINK_FIELDS } from "../components/EntryForm";
import { Home } from "../components/Home";
import { Layout } from "../components/Layout";
import { useHomeText } from "../components/i18n/home";
import { loadSession } from "../components/lib/session";

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
  const t = useHomeText();
  const session = createAsync(() => loadSession());
  return (
    <Show when={session()} fallback={<Layout title="app.title"><p class="card">{t("home.open")}</p></Layout>}>
      {(view) => <Home session={view()} />}
    </Show>
  );
}

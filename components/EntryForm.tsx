import { createSignal, onMount, Show } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import { maskedLinkNumber } from "./lib/phone-number";
import { useI18n } from "./i18n";
import { Layout } from "./Layout";
import { fetchSession } from "./lib/session";

export const LINK_FIELDS = ["phone", "exp", "nonce", "sig"] as const;

/**
 * No side effects here (WhatsApp's preview bot fetches every link): the form
 * posts the link's fields to /entry, by script at once, by the button otherwise.
 * A browser that already holds a live session is never switched by script (login
 * CSRF): the same number goes straight on, another number must be confirmed.
 * The cross-site navigation that brings a link arrives without the Strict cookie,
 * so the check runs here in the browser, where the same-origin fetch carries it.
 */
export function EntryForm(props: { fields: Record<string, string | undefined> }) {
  const { t } = useI18n();
  const [live, setLive] = createSignal<SessionView>();
  const next = maskedLinkNumber(props.fields.phone);
  let form: HTMLFormElement | undefined;
  onMount(async () => {
    history.replaceState(null, "", "/");
    const session = await fetchSession().catch(() => null);
    if (!session) return form?.submit();
    // Two numbers can share a mask (2547******01): only the server, which sees both, can say they are one.
    if (session.msisdn === next && !(await isAnotherNumber(form!))) return goOn(session);
    setLive(session);
  });
  return (
    <Layout title="entry.title">
      <form ref={(element) => (form = element)} id="entry" class="card" method="post" action="/entry">
        {LINK_FIELDS.map((name) => (props.fields[name] === undefined ? null : <input type="hidden" name={name} value={props.fields[name]} />))}
        <Show when={live()} fallback={<><p>{t("entry.body")}</p><button class="btn" type="submit">{t("common.continue")}</button></>}>
          {(session) => (
            <>
              <p role="alert">{t("entry.switch", { current: session().msisdn, next: next ?? "" })}</p>
              <button class="btn" type="submit" name="switch" value="1">{t("entry.switchContinue", { msisdn: next ?? "" })}</button>
              <button class="btn secondary" type="button" onClick={() => goOn(session())}>{t("entry.switchStay", { msisdn: session().msisdn })}</button>
            </>
          )}
        </Show>
      </form>
    </Layout>
  );
}

/** The link's fields posted without `switch`: the server answers 409 only when the live session is another number's. */
async function isAnotherNumber(form: HTMLFormElement): Promise<boolean> {
  const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
  const response = await fetch("/entry", { method: "POST", body, headers: { accept: "application/json" }, redirect: "manual" }).catch(() => null);
  return response?.status === 409;
}

/** Where the live session already is; a full load, so the page renders with the session. */
function goOn(session: SessionView): void {
  location.replace(session.state === "active" ? "/" : "/otp");
}

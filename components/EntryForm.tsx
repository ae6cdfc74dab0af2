import { getRequestEvent, isServer } from "solid-js/web";
import { useHomeText } from "./i18n/home";
import { PageFrame } from "./Layout";

export const LINK_FIELDS = ["phone", "exp", "nonce", "sig"] as const;

// Runs as soon as the form is parsed (the page loads no other script): the query leaves the
// address bar and the form goes to /entry, saying that scripts run here (`js=1`): the gateway
// may then answer with the OTP page itself, whose own line of script puts /otp in the address bar.
const SUBMIT_AT_ONCE = 'history.replaceState(null,"","/");var f=document.getElementById("entry");f.js.value="1";f.submit()';

/**
 * No side effects here (WhatsApp's preview bot fetches every link): the form posts the link's
 * fields to /entry, by the inline script at once, by the button without JavaScript. The
 * cross-site navigation that brings a link arrives without the Strict cookie, but this
 * same-origin POST carries it: the gateway decides there about a live session (the same number
 * goes straight on, another number gets its "Continue as …?" page), not this page.
 */
export function EntryForm(props: { fields: Record<string, string | undefined> }) {
  const t = useHomeText();
  return (
    <PageFrame heading={t("entry.title")}>
      <form id="entry" class="card" method="post" action="/entry">
        {LINK_FIELDS.map((name) => (props.fields[name] === undefined ? null : <input type="hidden" name={name} value={props.fields[name]} />))}
        <input type="hidden" name="js" value="" />
        <p>{t("entry.body")}</p>
        <button class="btn" type="submit">{t("common.continue")}</button>
      </form>
      <script nonce={isServer ? getRequestEvent()?.nativeEvent.context.cspNonce : undefined} innerHTML={SUBMIT_AT_ONCE} />
    </PageFrame>
  );
}

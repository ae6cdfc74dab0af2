import { createAsync, Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { ERROR_CATALOG, isErrorCode } from "../server/shared/error-codes";
import { Notice } from "../components/Notice";
import { Field } from "../components/Field";
import { Layout } from "../components/Layout";
import { useI18n } from "../components/i18n";
import { registerNotices } from "../components/i18n/notices";
import { waitText } from "../components/lib/describe-problem";
import { loadSession } from "../components/lib/session";

const RESEND_COOLDOWN_SECONDS = 60;

/** Plain form posts to /session/otp and /session/otp/resend: the server redirects back here with ?error= or ?sent=1. */
export default function Otp() {
  const session = createAsync(() => loadSession());
  return (
    <Switch>
      <Match when={session() === null}><Navigate href="/session-ended?reason=session_required" /></Match>
      <Match when={session() && session()!.state !== "pending_otp"}><Navigate href="/" /></Match>
      <Match when={session()}>{(view) => <OtpForm msisdn={view().msisdn} />}</Match>
    </Switch>
  );
}

/**
 * The page as served runs no app script (entry-server.tsx): these few lines give the resend button
 * its one-minute cooldown. Rendered in the browser instead (after another page's redirect), onMount does.
 */
function cooldownScript(waiting: string, ready: string, seconds: number): string {
  const text = (value: string) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(function(b,s){if(!b)return;function show(){b.disabled=s>0;b.textContent=s>0?${text(waiting)}.replace("{seconds}",s):${text(ready)};`
    + `if(s-->0)setTimeout(show,1000)}show()})(document.getElementById("resend"),${seconds})`;
}

/**
 * The form says that scripts run here (`js=1`, empty without JavaScript): the gateway may then answer a
 * right code with the home page itself, whose own line of script puts `/` in the address bar. Rendered in
 * the browser, the field says so itself.
 */
const SCRIPTS_RUN = 'document.getElementById("otp-form").js.value="1"';

/** At most an hour: `wait` comes from the address, and only ever holds this page's own button back. */
const MAX_WAIT_SECONDS = 3600;

function OtpForm(props: { msisdn: string }) {
  const { t, language } = useI18n();
  registerNotices();
  const [params] = useSearchParams();
  const code = () => (isErrorCode(params.error) ? params.error : undefined);
  const waitFor = () => Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.floor(Number(params.wait) || 0)));
  // One sentence, said once, next to the form it is about: the code's field, or "Send a new code".
  const sentence = () => {
    const refused = code();
    if (!refused) return undefined;
    if (refused === "rate_limited" && waitFor() > 0) return t("error.waitFor", { wait: waitText(waitFor(), t) });
    return ERROR_CATALOG[refused][language()];
  };
  const aboutResend = () => params.from === "resend";
  // A code was just sent (at entry or by resend): with JavaScript, resending waits a minute, or as long
  // as the server's Retry-After said. Without it the button stays usable, and the server's limit still applies.
  const firstWait = () => (aboutResend() ? waitFor() : code() ? 0 : RESEND_COOLDOWN_SECONDS);
  const [wait, setWait] = createSignal(0);
  onMount(() => {
    setWait(firstWait());
    const timer = setInterval(() => setWait((seconds) => Math.max(0, seconds - 1)), 1000);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <Layout title="otp.title">
      <form id="otp-form" class="card" method="post" action="/session/otp">
        <input type="hidden" name="js" value={isServer ? "" : "1"} />
        <p>{t("otp.body", { msisdn: props.msisdn })}</p>
        <Field id="otp" name="otp" label={t("otp.label")} hint={t("otp.hint")} required minLength={4} maxLength={8}
          autocomplete="one-time-code" autocapitalize="characters" pattern="[A-Za-z0-9]{4,8}" error={aboutResend() ? undefined : sentence()} announce />
        <button class="btn" type="submit">{t("otp.submit")}</button>
      </form>
      <Show when={isServer}>
        <script nonce={getRequestEvent()?.nativeEvent.context.cspNonce} innerHTML={SCRIPTS_RUN} />
      </Show>
      <form method="post" action="/session/otp/resend">
        <Notice text={params.sent ? t("otp.sent") : undefined} />
        <div aria-live="assertive" role="alert">
          <Show when={aboutResend() && sentence()}>{(message) => <p class="alert error" data-testid="resend-error">{message()}</p>}</Show>
        </div>
        <button id="resend" class="btn secondary" type="submit" disabled={wait() > 0}>
          {wait() > 0 ? t("otp.resendIn", { seconds: wait() }) : t("otp.resend")}
        </button>
      </form>
      <Show when={isServer && firstWait() > 0}>
        <script nonce={getRequestEvent()?.nativeEvent.context.cspNonce} innerHTML={cooldownScript(t("otp.resendIn", { seconds: "{seconds}" }), t("otp.resend"), firstWait())} />
      </Show>
    </Layout>
  );
}

import { createAsync, Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { ERROR_CATALOG, isErrorCode } from "../server/shared/error-codes";
import { Notice } from "../components/Alert";
import { Field } from "../components/Field";
import { Layout } from "../components/Layout";
import { useI18n } from "../components/i18n";
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
function cooldownScript(waiting: string, ready: string): string {
  const text = (value: string) => JSON.stringify(value).replace(/</g, "\\u003c");
  return `(function(b,s){if(!b)return;function show(){b.disabled=s>0;b.textContent=s>0?${text(waiting)}.replace("{seconds}",s):${text(ready)};`
    + `if(s-->0)setTimeout(show,1000)}show()})(document.getElementById("resend"),${RESEND_COOLDOWN_SECONDS})`;
}

function OtpForm(props: { msisdn: string }) {
  const { t, language } = useI18n();
  const [params] = useSearchParams();
  const error = () => (isErrorCode(params.error) ? ERROR_CATALOG[params.error][language()] : undefined);
  // A code was just sent (at entry or by resend): with JavaScript, resending waits a minute. Without
  // it the button stays usable, and the server's per-number limit still applies.
  const [wait, setWait] = createSignal(0);
  onMount(() => {
    if (!params.error) setWait(RESEND_COOLDOWN_SECONDS);
    const timer = setInterval(() => setWait((seconds) => Math.max(0, seconds - 1)), 1000);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <Layout title="otp.title">
      <form class="card" method="post" action="/session/otp">
        <p>{t("otp.body", { msisdn: props.msisdn })}</p>
        <div aria-live="assertive" role="alert"><Show when={error()}>{(message) => <p class="alert error">{message()}</p>}</Show></div>
        <Field id="otp" name="otp" label={t("otp.label")} hint={t("otp.hint")} required minLength={4} maxLength={8}
          autocomplete="one-time-code" autocapitalize="characters" pattern="[A-Za-z0-9]{4,8}" error={error()} />
        <button class="btn" type="submit">{t("otp.submit")}</button>
      </form>
      <form method="post" action="/session/otp/resend">
        <Notice text={params.sent ? t("otp.sent") : undefined} />
        <button id="resend" class="btn secondary" type="submit" disabled={wait() > 0}>
          {wait() > 0 ? t("otp.resendIn", { seconds: wait() }) : t("otp.resend")}
        </button>
      </form>
      <Show when={isServer && !params.error}>
        <script nonce={getRequestEvent()?.nativeEvent.context.cspNonce} innerHTML={cooldownScript(t("otp.resendIn", { seconds: "{seconds}" }), t("otp.resend"))} />
      </Show>
    </Layout>
  );
}

import { useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { Layout } from "../components/Layout";
import { useI18n, type MessageKey } from "../components/i18n";
import { forgetReference, readReference, type LastReference } from "../components/lib/last-reference";
import { registerNotices } from "../components/i18n/notices";

const REASONS = new Set(["signed_out", "session_expired", "session_required", "otp_attempts_exceeded"]);
const KENYA_TIME = { hour: "2-digit", minute: "2-digit", timeZone: "Africa/Nairobi" } as const;

export default function SessionEnded() {
  registerNotices();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const reason = () => (typeof params.reason === "string" && REASONS.has(params.reason) ? params.reason : "session_expired");
  return (
    <Layout title="ended.title">
      <div class="card" role="status">
        <p>{t(`ended.${reason()}` as MessageKey)}</p>
        <p><strong>{t("ended.action")}</strong></p>
      </div>
      <KeptReference signedOut={reason() === "signed_out"} />
    </Layout>
  );
}

/**
 * The last reference this browser obtained (components/lib/last-reference.ts), read after the
 * page loads: the server never sees it. After a sign-out it is shown once and no longer kept.
 */
function KeptReference(props: { signedOut: boolean }) {
  const { t, language } = useI18n();
  const [kept, setKept] = createSignal<LastReference>();
  onMount(() => {
    setKept(readReference());
    if (props.signedOut) forgetReference();
  });
  const time = (at: number) => new Intl.DateTimeFormat(language() === "sw" ? "sw-KE" : "en-KE", KENYA_TIME).format(new Date(at));
  return (
    <Show when={kept()}>
      {(reference) => (
        <div class="card" data-testid="kept-reference">
          <p>{t("ended.kept")}</p>
          <p><strong>{t(`ended.kept.${reference().kind}` as MessageKey, { value: reference().value })}</strong></p>
          <p class="muted">{t("ended.keptAt", { time: time(reference().savedAt) })}</p>
          <Show when={!props.signedOut} fallback={<p class="muted">{t("ended.signedOutKept")}</p>}>
            <button class="btn secondary" type="button" onClick={() => { forgetReference(); setKept(undefined); }}>{t("ended.forget")}</button>
          </Show>
        </div>
      )}
    </Show>
  );
}

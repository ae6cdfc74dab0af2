import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { useI18n } from "./i18n";
import { useSessionText } from "./i18n/session";
import { fetchSession } from "./lib/session";

/** Warn this long before the session ends ("a couple of minutes", plus time to read). */
export const WARN_BEFORE_MS = 150_000;
const TICK_MS = 5_000;
const KENYA_TIME = { hour: "2-digit", minute: "2-digit", timeZone: "Africa/Nairobi" } as const;

/**
 * On every signed-in page: a warning a couple of minutes before the session ends, a button to
 * stay signed in (GET /session counts as activity), and at the end the "session ended" page,
 * where the last reference obtained is still shown. The end is re-read from the server before
 * leaving, since calls made on the page may have moved it.
 */
export function SessionWarning(props: { expiresAt: string }) {
  const { language } = useI18n();
  const t = useSessionText();
  const [endsAt, setEndsAt] = createSignal(Date.parse(props.expiresAt));
  const [now, setNow] = createSignal(Date.now());
  const [extended, setExtended] = createSignal<boolean>();
  let checking = false;
  const refresh = async (): Promise<boolean> => {
    const view = await fetchSession().catch(() => undefined);
    if (view === null) window.location.assign("/session-ended?reason=session_expired"); // not lib/gateway-api: home stays light
    if (!view) return false;
    const before = endsAt();
    setEndsAt(Date.parse(view.expiresAt));
    return endsAt() > before;
  };
  const tick = async () => {
    setNow(Date.now());
    if (endsAt() > now() || checking) return;
    checking = true;
    await refresh();
    checking = false;
  };
  onMount(() => {
    const timer = setInterval(() => void tick(), TICK_MS);
    onCleanup(() => clearInterval(timer));
  });
  const left = () => endsAt() - now();
  const time = () => new Intl.DateTimeFormat(language() === "sw" ? "sw-KE" : "en-KE", KENYA_TIME).format(new Date(endsAt()));
  return (
    <Show when={left() > 0 && left() <= WARN_BEFORE_MS}>
      <div class="alert warn session-warning" role="alert" data-testid="session-warning">
        <p>{t("session.warning", { time: time(), minutes: Math.max(1, Math.ceil(left() / 60_000)) })}</p>
        <Show when={extended() === false}><p>{t("session.cannotExtend")}</p></Show>
        <button class="btn secondary" type="button" onClick={async () => setExtended(await refresh())}>{t("session.stay")}</button>
      </div>
    </Show>
  );
}

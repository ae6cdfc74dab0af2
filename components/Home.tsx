import { createSignal, For, onMount, Show } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import type { ServiceName } from "../server/shared/services";
import { Layout } from "./Layout";
import { useI18n } from "./i18n";
import { useHomeText, type HomeKey } from "./i18n/home";
import { rememberActiveSession } from "./lib/session";
import { preloadVisibleLinks } from "./lib/preload-links";
import { SignOut } from "./SignOut";
import { SignupHome } from "./SignupHome";
import { LaterSessionWarning } from "./LaterSessionWarning";

/** `preload`: the page's code is fetched once home is idle (components/lib/preload-links.ts): pages many taps go to, with small code. */
interface Service { href: string; title: HomeKey; hint: HomeKey; service?: ServiceName; needsPin?: boolean; preload?: true }
interface ServiceGroup { title: HomeKey; services: Service[] }

/** What an active session can open, by group; services needing the session's KRA PIN only when it has one. */
const GROUPS: ServiceGroup[] = [
  {
    title: "home.group.etims",
    services: [
      { href: "/sales-invoice", service: "etims", title: "home.salesInvoice", hint: "home.salesInvoiceHint" },
      { href: "/buyer-initiated", service: "etims", title: "home.buyerInitiated", hint: "home.buyerInitiatedHint" },
      { href: "/credit-note", service: "etims", title: "home.creditNote", hint: "home.creditNoteHint" },
    ],
  },
  {
    title: "home.group.returns",
    services: [
      { href: "/returns", service: "returns", title: "home.returns", hint: "home.returnsHint", needsPin: true, preload: true },
      { href: "/tcc", service: "checkers", title: "home.tcc", hint: "home.tccHint", needsPin: true },
    ],
  },
  { title: "home.group.checkers", services: [{ href: "/checkers", service: "checkers", title: "home.checkers", hint: "home.checkersHint", preload: true }] },
  { title: "home.group.pin", services: [{ href: "/my-pin", title: "home.pin", hint: "home.pinHint", preload: true }] },
  { title: "home.group.help", services: [{ href: "tel:+254204999999", title: "home.help", hint: "home.helpHint" }] },
];

// Taxpayers read Kenyan time, whatever zone the server (or the phone) runs in.
const KENYA_TIME = { hour: "2-digit", minute: "2-digit", timeZone: "Africa/Nairobi" } as const;

export function Home(props: { session: SessionView }) {
  const { language } = useI18n();
  const t = useHomeText();
  const time = () => new Intl.DateTimeFormat(language() === "sw" ? "sw-KE" : "en-KE", KENYA_TIME).format(new Date(props.session.expiresAt));
  const groups = () => GROUPS.map((group) => ({ ...group, services: group.services.filter((s) => !s.needsPin || props.session.hasPin) }))
    .filter((group) => group.services.length > 0);
  return (
    <Layout title="home.services">
      <Show when={props.session.state === "active"} fallback={<NotActive session={props.session} />}>
        <LaterSessionWarning expiresAt={props.session.expiresAt} />
        <div class="card">
          <p><strong>{t("home.greeting", { name: props.session.name ?? "" })}</strong></p>
          <p class="muted">{t("home.number", { msisdn: props.session.msisdn })}</p>
          <p class="muted">{t("home.expires", { time: time() })}</p>
        </div>
        <Services groups={groups()} session={props.session} />
        <SignOut />
      </Show>
    </Layout>
  );
}

/** The services' links; the pages most taps go to are made ready once home is idle (the session view is kept for them). */
function Services(props: { groups: ServiceGroup[]; session: SessionView }) {
  const t = useHomeText();
  const [root, setRoot] = createSignal<HTMLDivElement>();
  onMount(() => rememberActiveSession(props.session));
  preloadVisibleLinks(root);
  return (
    <div ref={setRoot}>
      <For each={props.groups}>
        {(group) => (
          <section aria-label={t(group.title)}>
            <h3>{t(group.title)}</h3>
            <ul class="services">
              <For each={group.services}>
                {(service) => (
                  <li>
                    <Show when={!service.service || !props.session.paused.includes(service.service)} fallback={
                      <span class="unavailable" data-testid="service-unavailable"><strong>{t(service.title)}</strong><span class="muted">{t("service.unavailable")}</span></span>
                    }>
                      <a href={service.href} data-preload={service.preload ? "" : undefined}><strong>{t(service.title)}</strong><span class="muted">{t(service.hint)}</span></a>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
    </div>
  );
}

/** Before the session is active: the OTP still to enter, or (a number not on eTIMS) the sign-up services. */
function NotActive(props: { session: SessionView }) {
  const t = useHomeText();
  return (
    <Show when={props.session.state === "phone_verified"} fallback={<a class="btn" href="/otp">{t("otp.title")}</a>}>
      <SignupHome session={props.session} />
    </Show>
  );
}

import { Show } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import { Layout } from "./Layout";
import { useI18n } from "./i18n";
import { SignOut } from "./SignOut";
import { SignupHome } from "./SignupHome";

const SERVICES = [
  { href: "/sales-invoice", title: "home.salesInvoice", hint: "home.salesInvoiceHint", service: "etims" },
  { href: "/buyer-initiated", title: "home.buyerInitiated", hint: "home.buyerInitiatedHint", service: "etims" },
  { href: "/credit-note", title: "home.creditNote", hint: "home.creditNoteHint", service: "etims" },
  { href: "/returns", title: "home.returns", hint: "home.returnsHint", service: "returns" },
] as const;

// Taxpayers read Kenyan time, whatever zone the server (or the phone) runs in.
const KENYA_TIME = { hour: "2-digit", minute: "2-digit", timeZone: "Africa/Nairobi" } as const;

export function Home(props: { session: SessionView }) {
  const { t, language } = useI18n();
  const time = () => new Intl.DateTimeFormat(language() === "sw" ? "sw-KE" : "en-KE", KENYA_TIME).format(new Date(props.session.expiresAt));
  return (
    <Layout title="home.services">
      <Show when={props.session.state === "active"} fallback={<NotActive session={props.session} />}>
        <div class="card">
          <p><strong>{t("home.greeting", { name: props.session.name ?? "" })}</strong></p>
          <p class="muted">{t("home.number", { msisdn: props.session.msisdn })}</p>
          <p class="muted">{t("home.expires", { time: time() })}</p>
        </div>
        <ul class="services">
          {SERVICES.map((service) => (
            <li>
              <Show when={!props.session.paused.includes(service.service)} fallback={
                <span class="unavailable" data-testid="service-unavailable"><strong>{t(service.title)}</strong><span class="muted">{t("service.unavailable")}</span></span>
              }>
                <a href={service.href}><strong>{t(service.title)}</strong><span class="muted">{t(service.hint)}</span></a>
              </Show>
            </li>
          ))}
        </ul>
        <SignOut />
      </Show>
    </Layout>
  );
}

/** Before the session is active: the OTP still to enter, or (a number not on eTIMS) the sign-up services. */
function NotActive(props: { session: SessionView }) {
  const { t } = useI18n();
  return (
    <Show when={props.session.state === "phone_verified"} fallback={<a class="btn" href="/otp">{t("otp.title")}</a>}>
      <SignupHome session={props.session} />
    </Show>
  );
}

import type { SessionView } from "../server/shared/session-view";
import { useSignupText } from "./i18n/signup";
import { SignOut } from "./SignOut";

const SERVICES = [
  { href: "/signup", title: "signup.etims", hint: "signup.etimsHint" },
  { href: "/my-pin", title: "signup.myPin", hint: "signup.myPinHint" },
  { href: "/pin-registration", title: "signup.newPin", hint: "signup.newPinHint" },
] as const;

/** Home for a phone the OTP proved that is not on eTIMS: sign-up, PIN services and help, nothing else. */
export function SignupHome(props: { session: SessionView }) {
  const t = useSignupText();
  return (
    <div data-testid="signup-home">
      <div class="card">
        <p><strong>{t("signup.home")}</strong></p>
        <p class="muted">{t("signup.homeBody", { msisdn: props.session.msisdn })}</p>
      </div>
      <ul class="services">
        {SERVICES.map((service) => (
          <li><a href={service.href}><strong>{t(service.title)}</strong><span class="muted">{t(service.hint)}</span></a></li>
        ))}
      </ul>
      <div class="card">
        <h3>{t("signup.help")}</h3>
        <p>{t("signup.helpBody")}</p>
      </div>
      <SignOut />
    </div>
  );
}

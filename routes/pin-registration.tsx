import { createSignal, Match, Show, Switch } from "solid-js";
import type { PinApplicant, PinRegistration } from "../server/shared/signup";
import { ProblemAlert } from "../components/ProblemAlert";
import { Choice, Field } from "../components/Field";
import { IdentityFields } from "../components/IdentityFields";
import { SignupLayout } from "../components/SignupLayout";
import { PhoneVerified } from "../components/PhoneVerified";
import { useSignupText } from "../components/i18n/signup";
import { createSubmission, formFields } from "../components/lib/submission";
import { ScriptButton } from "../components/ScriptButton";

const RESIDENCY = ["citizen", "resident"] as const;

/** Register for a KRA PIN: ID, year of birth and first name checked, then the email, then the upstream's answer as it is. */
export default function PinRegistrationPage() {
  return <SignupLayout title="signup.newPin"><PhoneVerified>{() => <PinJourney />}</PhoneVerified></SignupLayout>;
}

function PinJourney() {
  const t = useSignupText();
  const { problem, busy, post } = createSubmission();
  const [applicant, setApplicant] = createSignal<PinApplicant>();
  const [result, setResult] = createSignal<PinRegistration>();
  const check = async (event: SubmitEvent) => setApplicant(await post<PinApplicant>("/session/pin/applicant", formFields(event)));
  const apply = async (event: SubmitEvent) => setResult(await post<PinRegistration>("/session/pin/register", formFields(event)));
  return (
    <Switch>
      <Match when={result()}>{(done) => <Registered result={done()} />}</Match>
      <Match when={applicant()}>
        {(person) => (
          <form class="card" method="post" action="/session/pin/register" onSubmit={apply} data-testid="pin-email">
            <p>{t("signup.confirmName", { name: person().name })}</p>
            <Field id="email" name="email" type="email" label={t("signup.email")} hint={t("signup.emailHint")} required maxLength={254} autocomplete="email" />
            <ProblemAlert problem={problem()} />
            <ScriptButton class="btn" type="submit" busy={busy()} busyLabel={t("common.loading")}>{t("signup.apply")}</ScriptButton>
          </form>
        )}
      </Match>
      <Match when={true}>
        <form class="card" method="post" action="/session/pin/applicant" onSubmit={check} data-testid="pin-applicant">
              <fieldset>
            <legend>{t("signup.residency")}</legend>
            {RESIDENCY.map((type) => (
              <Choice type="radio" name="type" value={type} checked={type === "citizen"} label={t(`signup.${type}`)} />
            ))}
          </fieldset>
          <IdentityFields />
          <Field id="first_name" name="first_name" label={t("signup.firstName")} hint={t("signup.firstNameHint")} required maxLength={50} autocomplete="given-name" />
          <ProblemAlert problem={problem()} />
          <ScriptButton class="btn" type="submit" busy={busy()} busyLabel={t("common.loading")}>{t("signup.checkId")}</ScriptButton>
          <a class="btn secondary" href="/">{t("common.home")}</a>
        </form>
      </Match>
    </Switch>
  );
}

function Registered(props: { result: PinRegistration }) {
  const t = useSignupText();
  return (
    <div class="card" role="status" data-testid="pin-registered">
      <h3>{t("signup.applied")}</h3>
      <Show when={props.result.pin} fallback={<p>{t("signup.noPinYet")}</p>}>{(pin) => <p><strong>{t("signup.newPinIs", { pin: pin() })}</strong></p>}</Show>
      <Show when={props.result.receiptNumber} fallback={<p class="muted">{t("signup.noReceipt")}</p>}>
        {(receipt) => <p>{t("signup.receipt", { receipt: receipt() })}</p>}
      </Show>
      <a class="btn secondary" href="/">{t("common.home")}</a>
    </div>
  );
}

import { createSignal, Show } from "solid-js";
import type { PinRetrieval } from "../server/shared/signup";
import { ProblemAlert } from "../components/ProblemAlert";
import { IdentityFields } from "../components/IdentityFields";
import { SignupLayout } from "../components/SignupLayout";
import { PhoneVerified } from "../components/PhoneVerified";
import { sayWithoutName, useSignupText } from "../components/i18n/signup";
import type { ApiProblem } from "../components/lib/gateway-api";
import { createSubmission, formFields } from "../components/lib/submission";
import { ScriptButton } from "../components/ScriptButton";

/** Retrieve my PIN: shown only here, to the phone the OTP proved, for an ID whose year of birth matches. */
export default function MyPin() {
  return <SignupLayout title="signup.myPin"><PhoneVerified allowActive>{() => <PinForm />}</PhoneVerified></SignupLayout>;
}

function PinForm() {
  const t = useSignupText();
  const { problem, busy, post } = createSubmission();
  const [found, setFound] = createSignal<PinRetrieval>();
  const say = (refusal: ApiProblem) => refusal.kind === "gateway" && refusal.code === "pin_not_found"
    ? <>{t("signup.pinNotFound")} <a href="/pin-registration" data-testid="register-link">{t("signup.newPin")}</a></>
    : sayWithoutName(t, refusal);
  const submit = async (event: SubmitEvent) => setFound(await post<PinRetrieval>("/session/pin/retrieve", formFields(event)));
  return (
    <Show when={found()} fallback={
      <form class="card" method="post" action="/session/pin/retrieve" onSubmit={submit} data-testid="pin-retrieval">
        <p class="muted">{t("signup.pinBody")}</p>
        <IdentityFields />
        <ProblemAlert problem={problem()} say={say} />
        <ScriptButton class="btn" type="submit" busy={busy()} busyLabel={t("common.loading")}>{t("signup.showPin")}</ScriptButton>
        <a class="btn secondary" href="/">{t("common.home")}</a>
      </form>
    }>
      {(pin) => (
        <div class="card" role="status" data-testid="pin-shown">
          <h3>{t("signup.pinFor", { name: pin().name })}</h3>
          <p class="pin"><strong>{pin().pin}</strong></p>
          <p class="muted">{t("signup.pinKeep")}</p>
          <a class="btn secondary" href="/">{t("common.home")}</a>
        </div>
      )}
    </Show>
  );
}

import { createSignal, Match, Show, Switch } from "solid-js";
import type { EtimsSignupResult } from "../server/shared/signup";
import { ProblemAlert } from "../components/ProblemAlert";
import { IdentityFields } from "../components/IdentityFields";
import { SignupLayout } from "../components/SignupLayout";
import { PhoneVerified } from "../components/PhoneVerified";
import { sayWithoutName, useSignupText } from "../components/i18n/signup";
import { createSubmission, formFields } from "../components/lib/submission";
import { ScriptButton } from "../components/ScriptButton";

type Waiting = Extract<EtimsSignupResult, { retryAfterSeconds: number }>;

/** Register for eTIMS: ID and year of birth; once registered, the new code signs this number in (no new link). */
export default function EtimsSignup() {
  return <SignupLayout title="signup.etims"><PhoneVerified>{(session) => <SignupForm msisdn={session.msisdn} />}</PhoneVerified></SignupLayout>;
}

function SignupForm(props: { msisdn: string }) {
  const t = useSignupText();
  const { problem, busy, post } = createSubmission();
  const [waiting, setWaiting] = createSignal<Waiting>();
  // Registered: the sentence stays until the taxpayer taps on to the code page (it is not replaced at once).
  const [next, setNext] = createSignal<string>();
  const submit = async (event: SubmitEvent) => {
    const result = await post<EtimsSignupResult>("/session/signup/etims", formFields(event));
    if (result?.outcome === "registered") return setNext(result.next);
    setWaiting(result);
  };
  const minutes = () => Math.ceil((waiting()?.retryAfterSeconds ?? 0) / 60);
  return (
    <form class="card" method="post" action="/session/signup/etims" onSubmit={submit} data-testid="etims-signup">
      <p>{t("signup.etimsBody", { msisdn: props.msisdn })}</p>
      <IdentityFields />
      <ProblemAlert problem={problem()} say={(refusal) => sayWithoutName(t, refusal)} />
      <div aria-live="polite" role="status">
        <Switch>
          <Match when={next()}><p class="alert ok" data-testid="signup-registered">{t("signup.registered")}</p></Match>
          <Match when={waiting()?.outcome === "in_progress"}><p class="alert ok">{t("signup.inProgress", { minutes: minutes() })}</p></Match>
          <Match when={waiting()?.outcome === "not_active_yet"}><p class="alert ok">{t("signup.notActiveYet", { minutes: minutes() })}</p></Match>
        </Switch>
      </div>
      <Show when={next()} fallback={
        <>
          <ScriptButton class="btn" type="submit" busy={busy()} busyLabel={t("common.loading")}>{waiting() ? t("signup.tryAgain") : t("signup.register")}</ScriptButton>
          <a class="btn secondary" href="/">{t("common.home")}</a>
        </>
      }>
        {(href) => <a class="btn" href={href()} rel="external">{t("signup.enterCode")}</a>}
      </Show>
    </form>
  );
}

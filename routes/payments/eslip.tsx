import { createSignal, Show } from "solid-js";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Field } from "../../components/Field";
import { useFormText } from "../../components/i18n/returns";
import { eslipForm } from "../../components/i18n/form-eslip";
import { knownKraSentence } from "../../components/lib/kra-sentences";
import { createSubmission } from "../../components/lib/submission";
import { PageFrame } from "../../components/Layout";
import { WithPin } from "../../components/WithPin";
import { loadReader, returnsReaders } from "../../components/lib/returns-readers";
import { onDemand, preloadSoon } from "../../components/lib/on-demand";
import { ScriptButton } from "../../components/ScriptButton";

const PRN = /^[A-Za-z0-9]{6,24}$/;
/** The result, fetched while the PRN is typed (issue 22's budgets). */
const EslipSent = onDemand(() => import("../../components/EslipSent").then((module) => module.EslipSent));

export default function PayPrn() {
  const t = useFormText(eslipForm);
  return <PageFrame heading={t("eslip.title")}><WithPin service="payments">{(session) => <Eslip msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

/**
 * The upstream cannot look a PRN up (UPSTREAM.md: no PRN endpoint): KRA checks the number only
 * when it sends the M-Pesa prompt. So the page says so, never calls the number "your payment
 * reference", offers no "send to my WhatsApp" for it, and keeps the field on screen to correct
 * it in place when KRA refuses it.
 */
function Eslip(props: { msisdn: string }) {
  const t = useFormText(eslipForm);
  preloadSoon(EslipSent, returnsReaders);
  const call = createSubmission();
  const [value, setValue] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  const [sent, setSent] = createSignal<string>();
  const refusedPrn = () => {
    const problem = call.problem();
    return problem?.kind === "business" && knownKraSentence(problem.message) === "kra.invalidPrn";
  };
  const pay = async () => {
    const prn = value();
    setInvalid(!PRN.test(prn));
    if (!PRN.test(prn)) return;
    if (!(await call.run("POST", "/make-payment", { prn }, loadReader("readPayment")))) return;
    setSent(prn);
  };
  return (
    <>
      <Show when={sent()} fallback={
        <form class="card" data-testid="eslip" onSubmit={(event) => { event.preventDefault(); void pay(); }}>
          <Field id="prn" label={t("eslip.label")} hint={t("eslip.labelHint")} inputMode="numeric" autocomplete="off" value={value()}
            error={invalid() ? t("common.invalid") : refusedPrn() ? t("eslip.refused") : undefined}
            onInput={(e) => { setValue(e.currentTarget.value.replace(/\s+/g, "")); setInvalid(false); call.setProblem(undefined); }} />
          <p class="muted" data-testid="eslip-unchecked">{t("eslip.unchecked")}</p>
          <ProblemAlert problem={refusedPrn() ? undefined : call.problem()} />
          <ScriptButton class="btn" type="submit" busy={call.busy()} busyLabel={t("common.loading")}>{t("pay.send", { msisdn: props.msisdn })}</ScriptButton>
        </form>
      }>
        {(prn) => <EslipSent prn={prn()} msisdn={props.msisdn} busy={call.busy()} onAgain={() => void pay()} onAnother={() => setSent(undefined)} />}
      </Show>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}

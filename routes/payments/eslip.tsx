import { createSignal, Show } from "solid-js";
import { Field } from "../../components/Field";
import { useReturnsText } from "../../components/i18n/returns";
import { ReturnsLayout } from "../../components/ReturnsLayout";
import { MpesaPay } from "../../components/MpesaPay";
import { WithPin } from "../../components/WithPin";

const PRN = /^[A-Za-z0-9]{6,24}$/;

export default function PayPrn() {
  return <ReturnsLayout title="eslip.title"><WithPin service="payments">{(session) => <Eslip msisdn={session.msisdn} />}</WithPin></ReturnsLayout>;
}

function Eslip(props: { msisdn: string }) {
  const t = useReturnsText();
  const [value, setValue] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  const [prn, setPrn] = createSignal<string>();
  const next = () => {
    setInvalid(!PRN.test(value()));
    if (PRN.test(value())) setPrn(value());
  };
  return (
    <>
      <Show when={prn()} fallback={
        <div class="card">
          <Field id="prn" label={t("eslip.label")} hint={t("eslip.labelHint")} inputMode="numeric" autocomplete="off" value={value()}
            error={invalid() ? t("common.invalid") : undefined} onInput={(e) => setValue(e.currentTarget.value.trim())} />
          <button class="btn" type="button" onClick={next}>{t("common.continue")}</button>
        </div>
      }>
        {(chosen) => <MpesaPay prn={chosen()} msisdn={props.msisdn} />}
      </Show>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}

import { createSignal, For, Show } from "solid-js";
import { AHL, NITA } from "../../server/shared/obligations";
import { Choice, Field } from "../../components/Field";
import { useFormText } from "../../components/i18n/returns";
import { levyForm } from "../../components/i18n/form-levy";
import { PageFrame } from "../../components/Layout";
import type { PrnRequest } from "../../components/PrnPay";
import { returnsReaders } from "../../components/lib/returns-readers";
import { onDemand, preloadSoon } from "../../components/lib/on-demand";
import { WithPin } from "../../components/WithPin";
import { ungroup } from "../../components/lib/money";
import { ScriptButton } from "../../components/ScriptButton";

const WHOLE = /^[1-9]\d{0,11}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const LEVIES = [{ id: AHL, label: "levy.ahl" }, { id: NITA, label: "levy.nita" }] as const;

/** The payment, fetched while this page is used (issue 22's budgets). */
const PrnPay = onDemand(() => import("../../components/PrnPay").then((module) => module.PrnPay));

export default function PayLevy() {
  const t = useFormText(levyForm);
  return <PageFrame heading={t("levy.title")}><WithPin service="payments">{(session) => <Levy msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

/** The month input's YYYY-MM as the period's first and last day, DD/MM/YYYY. */
function monthPeriod(month: string): { from: string; to: string } | undefined {
  const match = MONTH.exec(month);
  if (!match) return undefined;
  const [year, mm] = [Number(match[1]), match[2]];
  const last = new Date(Date.UTC(year, Number(mm), 0)).getUTCDate();
  return { from: `01/${mm}/${year}`, to: `${last}/${mm}/${year}` };
}

function Levy(props: { msisdn: string }) {
  const t = useFormText(levyForm);
  preloadSoon(PrnPay, returnsReaders);
  const [levy, setLevy] = createSignal<string>(AHL);
  const [month, setMonth] = createSignal("");
  const [amount, setAmount] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  const [request, setRequest] = createSignal<PrnRequest>();
  const next = () => {
    const period = monthPeriod(month());
    const ok = period !== undefined && WHOLE.test(ungroup(amount()));
    setInvalid(!ok);
    if (ok) setRequest({ obligation: levy(), from: period.from, to: period.to, amount: Number(ungroup(amount())) });
  };
  return (
    <>
      <Show when={request()} fallback={
        <div class="card">
          <fieldset>
            <legend>{t("levy.which")}</legend>
            <For each={LEVIES}>
              {(item) => <Choice type="radio" name="levy" checked={levy() === item.id} onChange={() => setLevy(item.id)} label={t(item.label)} />}
            </For>
          </fieldset>
          <Field id="levy-month" type="month" label={t("levy.month")} hint={t("levy.monthHint")} value={month()} onInput={(e) => setMonth(e.currentTarget.value)} />
          <Field id="levy-amount" label={t("levy.amount")} hint={t("levy.amountHint")} inputMode="numeric" value={amount()}
            error={invalid() ? t("common.invalid") : undefined} onInput={(e) => setAmount(e.currentTarget.value.trim())} />
          <ScriptButton class="btn" onClick={next}>{t("common.continue")}</ScriptButton>
        </div>
      }>
        {(chosen) => <PrnPay request={chosen()} msisdn={props.msisdn} />}
      </Show>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}

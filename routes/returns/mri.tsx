import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { isServer } from "solid-js/web";
import { MRI, readCalculation, readFiling, readPeriod, readProperties, type Filing, type Period } from "../../server/shared/returns";
import { ProblemAlert } from "../../components/Alert";
import { Field } from "../../components/Field";
import { FilingDone } from "../../components/Filed";
import { useReturnsText } from "../../components/i18n/returns";
import { ReturnsLayout } from "../../components/ReturnsLayout";
import { formatMoney } from "../../components/lib/money";
import { createReturnsCall } from "../../components/lib/returns-call";
import { createSteps } from "../../components/lib/steps";
import { WithPin } from "../../components/WithPin";

const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export default function RentalIncome() {
  return <ReturnsLayout title="mri.title"><WithPin service="returns">{(session) => <MriJourney msisdn={session.msisdn} />}</WithPin></ReturnsLayout>;
}

function MriJourney(props: { msisdn: string }) {
  const t = useReturnsText();
  const [step, go] = createSteps<"income" | "choose" | "done">("income");
  const lookup = createReturnsCall();
  const [properties] = createResource(() => !isServer, async () => (await lookup.run("GET", "/properties/lookup", undefined, readProperties))?.value ?? []);
  const [income, setIncome] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  const [period, setPeriod] = createSignal<Period>();
  const [tax, setTax] = createSignal(0);
  const [pay, setPay] = createSignal(false);
  const [filed, setFiled] = createSignal<Filing>();
  const { problem, busy, run } = createReturnsCall();
  const body = () => ({
    kra_obligation_id: MRI, obligation_code: MRI, start_date: period()!.from, end_date: period()!.to,
    total_properties: String(Math.max(1, properties()?.length ?? 1)), taxable_amount: income(),
  });
  const calculate = async () => {
    setInvalid(!AMOUNT.test(income()));
    if (!AMOUNT.test(income())) return;
    const got = await run("POST", "/obligation-filling-period", { obligation_id: MRI }, readPeriod);
    if (!got) return;
    setPeriod(got.value);
    const calculated = await run("POST", "/file-return", { ...body(), calc_only: "true" }, readCalculation);
    if (!calculated) return;
    setTax(calculated.value);
    go("choose");
  };
  const file = async (andPay: boolean) => {
    setPay(andPay);
    const answer = await run("POST", "/file-return", body(), readFiling);
    if (!answer) return;
    setFiled(answer.value);
    go("done");
  };
  return (
    <Switch>
      <Match when={step() === "income"}>
        <div class="card" data-testid="properties">
          <h3>{t("mri.properties")}</h3>
          <ProblemAlert problem={lookup.problem()} />
          <Show when={properties()} fallback={<p class="muted">{t("common.loading")}</p>}>
            <Show when={properties()!.length > 0} fallback={<p>{t("mri.noProperties")}</p>}>
              <ul><For each={properties()}>{(p) => <li>{t("mri.property", { building: p.building, locality: p.locality, lr: p.lrNo })}</li>}</For></ul>
            </Show>
          </Show>
        </div>
        <div class="card">
          <Field id="rental-income" label={t("mri.income")} hint={t("mri.incomeHint")} inputMode="decimal" value={income()}
            error={invalid() ? t("common.invalid") : undefined} onInput={(e) => setIncome(e.currentTarget.value.trim())} />
          <ProblemAlert problem={problem()} />
          <button class="btn" type="button" disabled={busy()} onClick={calculate}>{busy() ? t("common.loading") : t("returns.calculate")}</button>
          <a class="btn secondary" href="/returns">{t("common.back")}</a>
        </div>
      </Match>
      <Match when={step() === "choose"}>
        <div class="card">
          <p>{t("returns.period", { period: period()!.text })}</p>
          <p>{t("mri.incomeIs", { amount: formatMoney(Number(income())) })}</p>
          <p data-testid="tax-due"><strong>{t("returns.taxDue", { amount: formatMoney(tax()) })}</strong></p>
          <ProblemAlert problem={problem()} />
          <button class="btn" type="button" disabled={busy()} onClick={() => file(true)}>{t("returns.fileAndPay")}</button>
          <button class="btn secondary" type="button" disabled={busy()} onClick={() => file(false)}>{t("returns.fileOnly")}</button>
          <button class="btn secondary" type="button" onClick={() => go("income")}>{t("common.back")}</button>
        </div>
      </Match>
      <Match when={step() === "done"}>
        <FilingDone filing={filed()} pay={pay()} msisdn={props.msisdn}
          request={{ obligation: MRI, from: period()!.from, to: period()!.to, amount: tax() }} />
      </Match>
    </Switch>
  );
}

import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { isServer } from "solid-js/web";
import { MRI } from "../../server/shared/obligations";
import type { Period } from "../../server/shared/returns-read";
import { loadReader } from "../../components/lib/returns-readers";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormText } from "../../components/i18n/returns";
import { mriForm } from "../../components/i18n/form-mri";
import { PageFrame } from "../../components/Layout";
import { createSubmission } from "../../components/lib/submission";
import { createSteps } from "../../components/lib/steps";
import { createTaxReturn } from "../../components/lib/tax-return";
import { AmountCard } from "../../components/AmountCard";
import { preloadSoon } from "../../components/lib/on-demand";
import { FilingDone, TaxDueCard } from "../../components/TaxReturnSteps";
import { WithPin } from "../../components/WithPin";
import { parseAmount, ungroup } from "../../components/lib/money";

export default function RentalIncome() {
  const t = useFormText(mriForm);
  return <PageFrame heading={t("mri.title")}><WithPin service="returns">{(session) => <MriJourney msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

function MriJourney(props: { msisdn: string }) {
  const t = useFormText(mriForm);
  preloadSoon(TaxDueCard, FilingDone);
  const [step, go] = createSteps<"income" | "choose" | "done">("income");
  const lookup = createSubmission();
  const [properties] = createResource(() => !isServer, async () => (await lookup.run("GET", "/properties/lookup", undefined, loadReader("readProperties")))?.value ?? []);
  const [income, setIncome] = createSignal("");
  const [period, setPeriod] = createSignal<Period>();
  const [pay, setPay] = createSignal(false);
  const taxReturn = createTaxReturn(() => ({
    kra_obligation_id: MRI, obligation_code: MRI, start_date: period()!.from, end_date: period()!.to,
    total_properties: String(Math.max(1, properties()?.length ?? 1)), taxable_amount: ungroup(income()),
  }));
  const calculate = async () => {
    const got = await taxReturn.run("POST", "/obligation-filling-period", { obligation_id: MRI }, loadReader("readPeriod"));
    if (!got) return;
    setPeriod(got.value);
    if (await taxReturn.calculate()) go("choose");
  };
  const file = async (andPay: boolean) => {
    setPay(andPay);
    if (await taxReturn.file()) go("done");
  };
  return (
    <Switch>
      <Match when={step() === "income"}>
        <div class="card" data-testid="properties">
          <h3>{t("mri.properties")}</h3>
          <ProblemAlert problem={lookup.problem()} />
          <Show when={properties()} fallback={<p class="muted loading">{t("common.loading")}</p>}>
            <Show when={properties()!.length > 0} fallback={<p>{t("mri.noProperties")}</p>}>
              <ul><For each={properties()}>{(p) => <li>{t("mri.property", { building: p.building, locality: p.locality, lr: p.lrNo })}</li>}</For></ul>
            </Show>
          </Show>
        </div>
        <AmountCard id="rental-income" label={t("mri.income")} hint={t("mri.incomeHint")} action={t("returns.calculate")} value={income()} onInput={setIncome}
          problem={taxReturn.problem()} busy={taxReturn.busy()} filed={taxReturn.filed()} onCalculate={calculate} />
      </Match>
      <Match when={step() === "choose"}>
        <TaxDueCard period={period()!.text} amountKey="mri.incomeIs" amount={parseAmount(income())} tax={taxReturn.tax()}
          problem={taxReturn.problem()} busy={taxReturn.busy()} filed={taxReturn.filed()} onFile={file} onBack={() => go("income")} />
      </Match>
      <Match when={step() === "done"}>
        <FilingDone filing={taxReturn.filed()} pay={pay()} msisdn={props.msisdn}
          request={{ obligation: MRI, from: period()!.from, to: period()!.to, amount: taxReturn.tax() }} />
      </Match>
    </Switch>
  );
}

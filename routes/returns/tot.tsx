import { createSignal, Match, Switch } from "solid-js";
import { Choice } from "../../components/Field";
import { TOT } from "../../server/shared/obligations";
import type { Period } from "../../server/shared/returns-read";
import { loadReader, returnsReaders } from "../../components/lib/returns-readers";
import { useFormText } from "../../components/i18n/returns";
import { totForm } from "../../components/i18n/form-tot";
import { PageFrame } from "../../components/Layout";
import { todayInKenya } from "../../components/lib/tax-period";
import { createSteps } from "../../components/lib/steps";
import { createTaxReturn } from "../../components/lib/tax-return";
import { AmountCard } from "../../components/AmountCard";
import { preloadSoon } from "../../components/lib/on-demand";
import { FilingDone, TaxDueCard } from "../../components/TaxReturnSteps";
import { WithPin } from "../../components/WithPin";
import { parseAmount, ungroup } from "../../components/lib/money";

export default function TurnoverTax() {
  const t = useFormText(totForm);
  return <PageFrame heading={t("tot.title")}><WithPin service="returns">{(session) => <TotJourney msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

type Decision = "file" | "file-pay" | "pay";

function TotJourney(props: { msisdn: string }) {
  const t = useFormText(totForm);
  preloadSoon(TaxDueCard, FilingDone, returnsReaders);
  const [step, go] = createSteps<"sales" | "choose" | "done">("sales");
  const [cycle, setCycle] = createSignal<"M" | "D">("M");
  const [sales, setSales] = createSignal("");
  const [period, setPeriod] = createSignal<Period>();
  const [decision, setDecision] = createSignal<Decision>();
  const taxReturn = createTaxReturn(() => ({
    kra_obligation_id: TOT, obligation_code: TOT, start_date: period()!.from, end_date: period()!.to, filingCycle: cycle(), taxable_amount: ungroup(sales()),
  }));

  const calculate = async () => {
    const found = cycle() === "D" ? { ok: true as const, value: { from: todayInKenya(), to: todayInKenya(), text: "" } } : undefined;
    const got = found ?? (await taxReturn.run("POST", "/obligation-filling-period", { obligation_id: TOT }, loadReader("readPeriod")));
    if (!got) return;
    setPeriod({ ...got.value, text: `${got.value.from} - ${got.value.to}` });
    if (await taxReturn.calculate()) go("choose");
  };
  const proceed = async (next: Decision) => {
    setDecision(next);
    if (next === "pay" || (await taxReturn.file())) go("done");
  };

  return (
    <Switch>
      <Match when={step() === "sales"}>
        <AmountCard id="gross-sales" label={t("tot.sales")} hint={t("tot.salesHint")} action={t("returns.calculate")} value={sales()} onInput={setSales}
          problem={taxReturn.problem()} busy={taxReturn.busy()} filed={taxReturn.filed()} onCalculate={calculate}>
          <fieldset>
            <legend>{t("tot.cycle")}</legend>
            <Choice type="radio" name="cycle" checked={cycle() === "M"} onChange={() => setCycle("M")} label={t("tot.monthly")} />
            <Choice type="radio" name="cycle" checked={cycle() === "D"} onChange={() => setCycle("D")} label={t("tot.daily")} />
          </fieldset>
        </AmountCard>
      </Match>
      <Match when={step() === "choose"}>
        <TaxDueCard period={period()!.text} amountKey="tot.salesIs" amount={parseAmount(sales())} tax={taxReturn.tax()}
          problem={taxReturn.problem()} busy={taxReturn.busy()} filed={taxReturn.filed()}
          onFile={(pay) => proceed(pay ? "file-pay" : "file")} onPayOnly={() => proceed("pay")} onBack={() => go("sales")} />
      </Match>
      <Match when={step() === "done"}>
        <FilingDone filing={taxReturn.filed()} pay={decision() !== "file"} msisdn={props.msisdn}
          request={{ obligation: TOT, from: period()!.from, to: period()!.to, amount: taxReturn.tax() }} />
      </Match>
    </Switch>
  );
}

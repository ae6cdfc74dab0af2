import { createSignal, Match, Switch } from "solid-js";
import { readCalculation, readFiling, readPeriod, TOT, type Filing, type Period } from "../../server/shared/returns";
import { ProblemAlert } from "../../components/Alert";
import { Field } from "../../components/Field";
import { useReturnsText } from "../../components/i18n/returns";
import { ReturnsLayout } from "../../components/ReturnsLayout";
import { formatMoney } from "../../components/lib/money";
import { FilingDone } from "../../components/Filed";
import { createReturnsCall, todayInKenya } from "../../components/lib/returns-call";
import { createSteps } from "../../components/lib/steps";
import { WithPin } from "../../components/WithPin";

const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export default function TurnoverTax() {
  return <ReturnsLayout title="tot.title"><WithPin service="returns">{(session) => <TotJourney msisdn={session.msisdn} />}</WithPin></ReturnsLayout>;
}

type Choice = "file" | "file-pay" | "pay";

function TotJourney(props: { msisdn: string }) {
  const t = useReturnsText();
  const [step, go] = createSteps<"sales" | "choose" | "done">("sales");
  const [cycle, setCycle] = createSignal<"M" | "D">("M");
  const [sales, setSales] = createSignal("");
  const [invalid, setInvalid] = createSignal(false);
  const [period, setPeriod] = createSignal<Period>();
  const [tax, setTax] = createSignal(0);
  const [choice, setChoice] = createSignal<Choice>();
  const [filed, setFiled] = createSignal<Filing>();
  const { problem, busy, run } = createReturnsCall();
  const body = () => ({
    kra_obligation_id: TOT, obligation_code: TOT, start_date: period()!.from, end_date: period()!.to, filingCycle: cycle(), taxable_amount: sales(),
  });

  const calculate = async () => {
    setInvalid(!AMOUNT.test(sales()));
    if (!AMOUNT.test(sales())) return;
    const found = cycle() === "D" ? { ok: true as const, value: { from: todayInKenya(), to: todayInKenya(), text: "" } } : undefined;
    const got = found ?? (await run("POST", "/obligation-filling-period", { obligation_id: TOT }, readPeriod));
    if (!got) return;
    setPeriod({ ...got.value, text: `${got.value.from} - ${got.value.to}` });
    const calculated = await run("POST", "/file-return", { ...body(), calc_only: "true" }, readCalculation);
    if (!calculated) return;
    setTax(calculated.value);
    go("choose");
  };
  const proceed = async (next: Choice) => {
    setChoice(next);
    if (next === "pay") return go("done");
    const answer = await run("POST", "/file-return", body(), readFiling);
    if (!answer) return;
    setFiled(answer.value);
    go("done");
  };

  return (
    <Switch>
      <Match when={step() === "sales"}>
        <div class="card">
          <fieldset>
            <legend>{t("tot.cycle")}</legend>
            <label class="choice"><input type="radio" name="cycle" checked={cycle() === "M"} onChange={() => setCycle("M")} />{t("tot.monthly")}</label>
            <label class="choice"><input type="radio" name="cycle" checked={cycle() === "D"} onChange={() => setCycle("D")} />{t("tot.daily")}</label>
          </fieldset>
          <Field id="gross-sales" label={t("tot.sales")} hint={t("tot.salesHint")} inputMode="decimal" value={sales()}
            error={invalid() ? t("common.invalid") : undefined} onInput={(e) => setSales(e.currentTarget.value.trim())} />
          <ProblemAlert problem={problem()} />
          <button class="btn" type="button" disabled={busy()} onClick={calculate}>{busy() ? t("common.loading") : t("returns.calculate")}</button>
          <a class="btn secondary" href="/returns">{t("common.back")}</a>
        </div>
      </Match>
      <Match when={step() === "choose"}>
        <div class="card">
          <p>{t("returns.period", { period: period()!.text })}</p>
          <p>{t("tot.salesIs", { amount: formatMoney(Number(sales())) })}</p>
          <p data-testid="tax-due"><strong>{t("returns.taxDue", { amount: formatMoney(tax()) })}</strong></p>
          <ProblemAlert problem={problem()} />
          <button class="btn" type="button" disabled={busy()} onClick={() => proceed("file-pay")}>{t("returns.fileAndPay")}</button>
          <button class="btn secondary" type="button" disabled={busy()} onClick={() => proceed("file")}>{t("returns.fileOnly")}</button>
          <button class="btn secondary" type="button" disabled={busy()} onClick={() => proceed("pay")}>{t("returns.payOnly")}</button>
          <button class="btn secondary" type="button" onClick={() => go("sales")}>{t("common.back")}</button>
        </div>
      </Match>
      <Match when={step() === "done"}>
        <FilingDone filing={filed()} pay={choice() !== "file"} msisdn={props.msisdn}
          request={{ obligation: TOT, from: period()!.from, to: period()!.to, amount: tax() }} />
      </Match>
    </Switch>
  );
}

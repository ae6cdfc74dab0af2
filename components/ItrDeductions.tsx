import { For, Show } from "solid-js";
import type { Employment, ItrLimits } from "../server/shared/itr";
import { kes } from "./ItrFigures";
import { Choice, Field } from "./Field";
import { useItrText, type ItrKey } from "./i18n/itr";
import { emptyInsurance, emptyMortgage } from "./lib/itr-body";
import type { DeductionsForm, InsuranceForm, MortgageForm } from "./lib/itr-draft";
import { ScriptButton } from "./ScriptButton";

type Props = { form: DeductionsForm; onChange: (form: DeductionsForm) => void; employment: Employment; invalid: Set<string>; limits?: ItrLimits };

const AMOUNTS: [keyof Pick<DeductionsForm, "pension" | "shif" | "hl" | "prmf">, string, ItrKey, keyof ItrLimits | undefined][] = [
  ["pension", "pension_contribution", "itr.pension", "pension"], ["shif", "shif_contribution", "itr.shif", undefined],
  ["hl", "hl_contribution", "itr.hl", undefined], ["prmf", "pmf_contribution", "itr.prmf", "prmf"],
];

/** Step 3: the four contributions pre-filled from KRA, and optionally one insurance policy, one mortgage, a disability certificate. */
export function ItrDeductions(props: Props) {
  const t = useItrText();
  const set = (patch: Partial<DeductionsForm>) => props.onChange({ ...props.form, ...patch });
  const error = (path: string) => (props.invalid.has(path) ? t("common.invalid") : undefined);
  /** The amount hint, with KRA's yearly limit where `settings/itr/config` gives one. */
  const hint = (limit: keyof ItrLimits | undefined) => {
    const amount = limit && props.limits?.[limit];
    return amount === undefined ? t("itr.amountHint") : `${t("itr.amountHint")}. ${t("itr.limit", { amount: kes(amount) })}`;
  };
  const toggleCertificate = (certNo: string, on: boolean) =>
    set({ certificates: on ? [...props.form.certificates, certNo] : props.form.certificates.filter((c) => c !== certNo) });
  return (
    <div data-testid="itr-deductions">
      <p class="muted">{t("itr.deductionsHint")}</p>
      <For each={AMOUNTS}>
        {([key, path, label, limit]) => (
          <Field id={`itr-${key}`} label={t(label)} hint={hint(limit)} inputmode="decimal" value={props.form[key]}
            error={error(path)} onInput={(e) => set({ [key]: e.currentTarget.value })} />
        )}
      </For>
      <For each={props.employment.certificates}>
        {(cert) => (
          <Choice type="checkbox" checked={props.form.certificates.includes(cert.certNo)} onChange={(e) => toggleCertificate(cert.certNo, e.currentTarget.checked)}
            label={t("itr.disability", { number: cert.certNo, from: cert.effectiveDate, to: cert.expiryDate })} />
        )}
      </For>
      <Show when={props.form.insurance} fallback={<ScriptButton class="btn secondary" onClick={() => set({ insurance: emptyInsurance() })}>{t("itr.addInsurance")}</ScriptButton>}>
        {(insurance) => <Insurance value={insurance()} onChange={(value) => set({ insurance: value })} error={error} limit={props.limits?.insuranceRelief} />}
      </Show>
      <Show when={props.form.mortgage} fallback={<ScriptButton class="btn secondary" onClick={() => set({ mortgage: emptyMortgage() })}>{t("itr.addMortgage")}</ScriptButton>}>
        {(mortgage) => <Mortgage value={mortgage()} onChange={(value) => set({ mortgage: value })} error={error} limit={props.limits?.mortgageInterest} />}
      </Show>
    </div>
  );
}

type Part<T> = { value: T; onChange: (value: T | undefined) => void; error: (path: string) => string | undefined; limit?: number };

const INSURANCE_TEXT: [keyof InsuranceForm, ItrKey, boolean][] = [
  ["pin", "itr.insurerPin", false], ["insurer_name", "itr.insurerName", false], ["insurance_policy_no", "itr.policyNo", false],
  ["policy_holder", "itr.policyHolder", false], ["commencement_date", "itr.commencement", true], ["maturity_date", "itr.maturity", true],
  ["sum_assured", "itr.sumAssured", false], ["annual_premium_paid", "itr.premium", false],
];

const POLICY_TYPES = ["life", "education", "health"] as const;

function Insurance(props: Part<InsuranceForm>) {
  const t = useItrText();
  return (
    <fieldset data-testid="itr-insurance">
      <legend>{t("itr.insurance")}</legend>
      <Show when={props.limit !== undefined}><p class="muted">{t("itr.insuranceLimit", { amount: kes(props.limit!) })}</p></Show>
      <For each={INSURANCE_TEXT}>
        {([key, label, date]) => (
          <Field id={`itr-insurance-${key}`} label={t(label)} hint={date ? t("itr.dateHint") : undefined} value={props.value[key]}
            error={props.error(`insurance_policy.0.${key}`)} onInput={(e) => props.onChange({ ...props.value, [key]: e.currentTarget.value })} />
        )}
      </For>
      <label for="itr-policy-type">{t("itr.policyType")}</label>
      <select id="itr-policy-type" value={props.value.type_of_policy}
        onChange={(e) => props.onChange({ ...props.value, type_of_policy: e.currentTarget.value as InsuranceForm["type_of_policy"] })}>
        <For each={POLICY_TYPES}>{(type) => <option value={type}>{t(`itr.policy.${type}`)}</option>}</For>
      </select>
      <ScriptButton class="btn secondary" onClick={() => props.onChange(undefined)}>{t("common.remove")}</ScriptButton>
    </fieldset>
  );
}

const MORTGAGE_TEXT: [keyof MortgageForm, ItrKey][] = [
  ["pin_of_lender", "itr.lenderPin"], ["name_of_lender", "itr.lenderName"], ["mortgage_account_no", "itr.mortgageAccount"],
  ["amount_borrowed", "itr.borrowed"], ["outstanding_amount", "itr.outstanding"], ["interest_amount_paid", "itr.interest"],
];

function Mortgage(props: Part<MortgageForm>) {
  const t = useItrText();
  return (
    <fieldset data-testid="itr-mortgage">
      <legend>{t("itr.mortgage")}</legend>
      <For each={MORTGAGE_TEXT}>
        {([key, label]) => (
          <Field id={`itr-mortgage-${key}`} label={t(label)} value={props.value[key]}
            hint={key === "interest_amount_paid" && props.limit !== undefined ? t("itr.limit", { amount: kes(props.limit) }) : undefined} error={props.error(`mortgage.0.${key}`)}
            onInput={(e) => props.onChange({ ...props.value, [key]: e.currentTarget.value })} />
        )}
      </For>
      <ScriptButton class="btn secondary" onClick={() => props.onChange(undefined)}>{t("common.remove")}</ScriptButton>
    </fieldset>
  );
}

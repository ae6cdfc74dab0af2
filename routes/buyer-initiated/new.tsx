import { createSignal, Match, Switch } from "solid-js";
import { buyerInitiatedInvoiceSchema } from "../../server/shared/schemas";
import { PartyLookup, type Party } from "../../components/PartyLookup";
import { Field } from "../../components/Field";
import { useEtimsText } from "../../components/i18n/etims";
import { toMsisdn } from "../../components/lib/phone-number";
import { ItemsStep, ReviewStep } from "../../components/InvoiceSteps";
import { createItems, itemsTotal, toItems } from "../../components/ItemsEditor";
import { Layout } from "../../components/Layout";
import { SignedIn } from "../../components/SignedIn";
import { createSteps } from "../../components/lib/steps";
import { createSubmission } from "../../components/lib/submission";
import { keepReference } from "../../components/lib/last-reference";

export default function NewBuyerInitiatedInvoice() {
  return <SignedIn service="etims">{() => <NewInvoice />}</SignedIn>;
}

/** The buyer raises an invoice for a seller, who then accepts or rejects it. */
function NewInvoice() {
  const t = useEtimsText();
  const [step, go] = createSteps<"seller" | "items" | "review" | "done">("seller");
  const [seller, setSeller] = createSignal<Party>();
  const [phone, setPhone] = createSignal("");
  const items = createItems();
  const { invalid, problem, busy, check, send } = createSubmission();
  const [reference, setReference] = createSignal("");
  const body = () => ({
    seller_pin: seller()?.pin ?? "",
    seller_msisdn: phone().trim() ? toMsisdn(phone()) : undefined,
    supplier_name: seller()?.name,
    total_amount: itemsTotal(items[0]),
    items: toItems(items[0]),
  });
  const checkSeller = () => check(buyerInitiatedInvoiceSchema, body(), (path) => path.startsWith("seller")) && go("items");
  const review = () => check(buyerInitiatedInvoiceSchema, body()) && go("review");
  const submit = async () => {
    const result = await send<{ invoice_no?: string }>("POST", "/buyer-initiated/submit/invoice", body());
    if (result.ok) return keepReference("buyerInvoice", result.data.invoice_no), setReference(result.data.invoice_no ?? ""), go("done");
  };
  return (
    <Layout title="bi.new">
      <Switch>
        <Match when={step() === "seller"}>
          <div class="card">
            <h3>{t("bi.sellerTitle")}</h3>
            <PartyLookup id="seller" party="seller" label={t("bi.sellerPin")} onFound={setSeller} />
            <Field id="seller-phone" label={t("bi.sellerPhone")} value={phone()} inputMode="tel" autocomplete="off"
              error={invalid().has("seller_msisdn") ? t("common.invalid") : undefined} onInput={(e) => setPhone(e.currentTarget.value)} />
            <p class="field-error" aria-live="polite">{invalid().has("seller_pin") ? t("common.required") : ""}</p>
            <button class="btn" type="button" onClick={checkSeller}>{t("common.continue")}</button>
          </div>
        </Match>
        <Match when={step() === "items"}>
          <ItemsStep items={items} invalid={invalid()} onContinue={review} onBack={() => go("seller")} />
        </Match>
        <Match when={step() === "review"}>
          <ReviewStep party={`${t("bi.sellerTitle")}: ${seller()?.name} (${seller()?.pin})`} items={items[0]} problem={problem()}
            busy={busy()} onSubmit={submit} onEdit={() => go("items")} submitted={reference() ? { number: reference(), again: "/buyer-initiated/new" } : undefined} />
        </Match>
        <Match when={step() === "done"}>
          <div class="card" role="status">
            <h3>{t("bi.submitted")}</h3>
            <p>{t("sale.invoiceNo", { number: reference() })}</p>
            <a class="btn" href="/buyer-initiated?actor=buyer">{t("bi.asBuyer")}</a>
            <a class="btn secondary" href="/">{t("common.home")}</a>
          </div>
        </Match>
      </Switch>
    </Layout>
  );
}

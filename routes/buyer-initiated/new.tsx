import { createSignal, Match, Switch } from "solid-js";
import { buyerInitiatedInvoiceSchema } from "../../server/shared/schemas";
import { Field } from "../../components/Field";
import { useEtimsText } from "../../components/i18n/etims";
import { toMsisdn } from "../../components/lib/phone-number";
import { createInvoiceJourney, ItemsStep, PartyStep, ReviewStep } from "../../components/InvoiceSteps";
import { Layout } from "../../components/Layout";
import { SignedIn } from "../../components/SignedIn";

export default function NewBuyerInitiatedInvoice() {
  return <SignedIn service="etims">{() => <NewInvoice />}</SignedIn>;
}

/** The buyer raises an invoice for a seller, who then accepts or rejects it. */
function NewInvoice() {
  const t = useEtimsText();
  const journey = createInvoiceJourney("seller", "/buyer-initiated/new");
  const { step, go, party: seller, setParty: setSeller, items, invalid, problem, busy, check, send } = journey;
  const [phone, setPhone] = createSignal("");
  const body = () => ({
    seller_pin: seller()?.pin ?? "",
    seller_msisdn: phone().trim() ? toMsisdn(phone()) : undefined,
    supplier_name: seller()?.name,
    ...journey.lines(),
  });
  const checkSeller = () => check(buyerInitiatedInvoiceSchema, body(), (path) => path.startsWith("seller")) && go("items");
  const submit = async () => {
    const result = await send<{ invoice_no?: string }>("POST", "/buyer-initiated/submit/invoice", body());
    if (result.ok) journey.finish("buyerInvoice", result.data.invoice_no, undefined);
  };
  return (
    <Layout title="bi.new">
      <Switch>
        <Match when={step() === "seller"}>
          <PartyStep title={t("bi.sellerTitle")} id="seller" party="seller" label={t("bi.sellerPin")} found={seller()} onFound={setSeller}
            continueLabel={t("common.continue")} onContinue={checkSeller}>
            <Field id="seller-phone" label={t("bi.sellerPhone")} value={phone()} inputMode="tel" autocomplete="off"
              error={invalid().has("seller_msisdn") ? t("common.invalid") : undefined} onInput={(e) => setPhone(e.currentTarget.value)} />
            <p class="field-error" aria-live="polite">{invalid().has("seller_pin") ? t("common.required") : ""}</p>
          </PartyStep>
        </Match>
        <Match when={step() === "items"}>
          <ItemsStep items={items} invalid={invalid()} onContinue={() => journey.review(buyerInitiatedInvoiceSchema, body())} onBack={() => go("seller")} />
        </Match>
        <Match when={step() === "review"}>
          <ReviewStep party={`${t("bi.sellerTitle")}: ${seller()?.name} (${seller()?.pin})`} items={items[0]} problem={problem()}
            busy={busy()} onSubmit={submit} onEdit={() => go("items")} submitted={journey.submitted()} />
        </Match>
        <Match when={step() === "done"}>
          <div class="card" role="status">
            <h3>{t("bi.submitted")}</h3>
            <p>{t("sale.invoiceNo", { number: journey.created()?.number ?? "" })}</p>
            <a class="btn" href="/buyer-initiated?actor=buyer">{t("bi.asBuyer")}</a>
            <a class="btn secondary" href="/">{t("common.home")}</a>
          </div>
        </Match>
      </Switch>
    </Layout>
  );
}

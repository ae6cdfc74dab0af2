import { createSignal, Match, Show, Switch } from "solid-js";
import { salesInvoiceSchema } from "../server/shared/schemas";
import { ProblemAlert } from "../components/ProblemAlert";
import { documentParts, documentPath } from "../components/lib/etims-documents";
import { Field } from "../components/Field";
import { createInvoiceJourney, ItemsStep, PartyStep, ReviewStep } from "../components/InvoiceSteps";
import { Layout } from "../components/Layout";
import { useEtimsText } from "../components/i18n/etims";
import { SignedIn } from "../components/SignedIn";
import { WhatsAppSend } from "../components/WhatsAppSend";

interface SaleAnswer { code: number; message?: string; invoice_no?: string; invoice_pdf_url?: string }

export default function SalesInvoice() {
  return <SignedIn service="etims">{() => <SalesInvoiceJourney />}</SignedIn>;
}

function SalesInvoiceJourney() {
  const t = useEtimsText();
  const journey = createInvoiceJourney<"buyer", SaleAnswer>("buyer", "/sales-invoice");
  const { step, go, party: buyer, setParty: setBuyer, items, invalid, problem, setProblem, busy, send } = journey;
  const [buyerName, setBuyerName] = createSignal("");
  const body = () => ({
    customer_pin: buyer()?.pin,
    customer_name: buyer()?.name ?? (buyerName().trim() || undefined),
    ...journey.lines(),
  });
  const submit = async () => {
    const result = await send<SaleAnswer>("POST", "/post-sale", body());
    if (result.ok && result.data.code === 8) return journey.finish("invoice", result.data.invoice_no, result.data);
    if (result.ok) return setProblem({ kind: "business", code: result.data.code, message: result.data.message });
    if (invalid().size > 0) go("items");
  };
  return (
    <Layout title="sale.title">
      <Switch>
        <Match when={step() === "buyer"}>
          <PartyStep title={t("buyer.title")} id="buyer" label={t("buyer.lookupLabel")} found={buyer()} onFound={setBuyer}
            continueLabel={buyer() ? t("common.continue") : t("buyer.skip")} onContinue={() => go("items")}>
            <Show when={!buyer()}>
              <Field id="buyer-name" label={t("buyer.nameLabel")} value={buyerName()} maxLength={100} onInput={(e) => setBuyerName(e.currentTarget.value)} />
            </Show>
          </PartyStep>
        </Match>
        <Match when={step() === "items"}>
          <ItemsStep items={items} invalid={invalid()} onContinue={() => journey.review(salesInvoiceSchema, body())} onBack={() => go("buyer")}>
            <ProblemAlert problem={problem()} />
          </ItemsStep>
        </Match>
        <Match when={step() === "review"}>
          <ReviewStep party={`${t("review.buyer")}: ${buyer() ? `${buyer()!.name} (${buyer()!.pin})` : buyerName() || t("review.noBuyer")}`}
            items={items[0]} problem={problem()} busy={busy()} onSubmit={submit} onEdit={() => go("items")}
            submitted={journey.submitted()} />
        </Match>
        <Match when={step() === "done" && journey.created()?.answer}>
          {(done) => (
            <div class="card" role="status">
              <h3>{t("sale.submitted")}</h3>
              <p>{t("sale.invoiceNo", { number: done().invoice_no ?? "" })}</p>
              <Show when={documentPath(done().invoice_pdf_url)}>
                {(path) => <a class="btn" href={path()} download="" rel="external">{t("sale.download")}</a>}
              </Show>
              <Show when={documentParts(done().invoice_pdf_url)}>{(parts) => <WhatsAppSend document={{ document: "invoice", ...parts() }} />}</Show>
              <a class="btn secondary" href="/sales-invoice" rel="external">{t("sale.another")}</a>
              <a class="btn secondary" href="/">{t("common.home")}</a>
            </div>
          )}
        </Match>
      </Switch>
    </Layout>
  );
}

import { createSignal, Match, Show, Switch } from "solid-js";
import { salesInvoiceSchema } from "../server/shared/schemas";
import { ProblemAlert } from "../components/Alert";
import { documentParts, documentPath } from "../components/lib/gateway-api";
import { PartyLookup, type Party } from "../components/PartyLookup";
import { Field } from "../components/Field";
import { ItemsStep, ReviewStep } from "../components/InvoiceSteps";
import { createItems, itemsTotal, toItems } from "../components/ItemsEditor";
import { Layout } from "../components/Layout";
import { useEtimsText } from "../components/i18n/etims";
import { SignedIn } from "../components/SignedIn";
import { WhatsAppSend } from "../components/WhatsAppSend";
import { createSteps } from "../components/lib/steps";
import { createSubmission } from "../components/lib/submission";
import { keepReference } from "../components/lib/last-reference";

interface SaleAnswer { code: number; message?: string; invoice_no?: string; invoice_pdf_url?: string }

export default function SalesInvoice() {
  return <SignedIn service="etims">{() => <SalesInvoiceJourney />}</SignedIn>;
}

function SalesInvoiceJourney() {
  const t = useEtimsText();
  const [step, go] = createSteps<"buyer" | "items" | "review" | "done">("buyer");
  const [buyer, setBuyer] = createSignal<Party>();
  const [buyerName, setBuyerName] = createSignal("");
  const items = createItems();
  const { invalid, problem, setProblem, busy, check, send } = createSubmission();
  const [answer, setAnswer] = createSignal<SaleAnswer>();
  const body = () => ({
    customer_pin: buyer()?.pin,
    customer_name: buyer()?.name ?? (buyerName().trim() || undefined),
    total_amount: itemsTotal(items[0]),
    items: toItems(items[0]),
  });
  const review = () => check(salesInvoiceSchema, body()) && go("review");
  const submit = async () => {
    const result = await send<SaleAnswer>("POST", "/post-sale", body());
    if (result.ok && result.data.code === 8) return keepReference("invoice", result.data.invoice_no), setAnswer(result.data), go("done");
    if (result.ok) return setProblem({ kind: "business", code: result.data.code, message: result.data.message });
    if (invalid().size > 0) go("items");
  };
  return (
    <Layout title="sale.title">
      <Switch>
        <Match when={step() === "buyer"}>
          <div class="card">
            <h3>{t("buyer.title")}</h3>
            <PartyLookup id="buyer" label={t("buyer.lookupLabel")} onFound={setBuyer} />
            <Show when={!buyer()}>
              <Field id="buyer-name" label={t("buyer.nameLabel")} value={buyerName()} maxLength={100} onInput={(e) => setBuyerName(e.currentTarget.value)} />
            </Show>
            <button class="btn" type="button" onClick={() => go("items")}>{buyer() ? t("common.continue") : t("buyer.skip")}</button>
          </div>
        </Match>
        <Match when={step() === "items"}>
          <ItemsStep items={items} invalid={invalid()} onContinue={review} onBack={() => go("buyer")}>
            <ProblemAlert problem={problem()} />
          </ItemsStep>
        </Match>
        <Match when={step() === "review"}>
          <ReviewStep party={`${t("review.buyer")}: ${buyer() ? `${buyer()!.name} (${buyer()!.pin})` : buyerName() || t("review.noBuyer")}`}
            items={items[0]} problem={problem()} busy={busy()} onSubmit={submit} onEdit={() => go("items")}
            submitted={answer() && { number: answer()!.invoice_no ?? "", again: "/sales-invoice" }} />
        </Match>
        <Match when={step() === "done" && answer()}>
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

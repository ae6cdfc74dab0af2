import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { isServer } from "solid-js/web";
import { ProblemAlert } from "../../components/ProblemAlert";
import { callApi } from "../../components/lib/gateway-api";
import { documentParts, documentPath } from "../../components/lib/etims-documents";
import { createSubmission } from "../../components/lib/submission";
import { useEtimsText, type EtimsKey } from "../../components/i18n/etims";
import { readInvoicePage, type InvoiceEntry } from "../../components/lib/invoice-listing";
import { ItemsTable } from "../../components/ItemsEditor";
import { Layout } from "../../components/Layout";
import { formatMoney } from "../../components/lib/money";
import { SignedIn } from "../../components/SignedIn";
import { WhatsAppSend } from "../../components/WhatsAppSend";
import { ScriptButton } from "../../components/ScriptButton";

export default function BuyerInitiatedView() {
  return <SignedIn service="etims">{() => <InvoiceView />}</SignedIn>;
}

/** One invoice from the caller's own listing; a seller accepts or rejects it here. */
function InvoiceView() {
  const t = useEtimsText();
  const params = useParams();
  const [search] = useSearchParams();
  const actor = () => (search.actor === "supplier" ? "supplier" : "buyer");
  const [entry] = createResource(() => !isServer && { ref: params.ref, actor: actor() }, async (query) => {
    const result = await callApi<unknown>("GET", `/buyer-initiated/fetch?actor=${query.actor}&page=1&page_size=100`);
    const entries = result.ok ? readInvoicePage(result.data as never).entries : [];
    return entries.find((candidate) => candidate.uuid === query.ref || candidate.invoice_number === query.ref) ?? null;
  });
  return (
    <Layout title="bi.title">
      <Show when={entry() !== undefined} fallback={<p class="muted loading">{t("common.loading")}</p>}>
        <Show when={entry()} fallback={<p class="card">{t("bi.notFound")}</p>}>
          {(invoice) => <InvoiceCard invoice={invoice()} canDecide={actor() === "supplier"} />}
        </Show>
      </Show>
      <a class="btn secondary" href={`/buyer-initiated?actor=${actor()}`}>{t("common.back")}</a>
    </Layout>
  );
}

function InvoiceCard(props: { invoice: InvoiceEntry; canDecide: boolean }) {
  const t = useEtimsText();
  const [decision, setDecision] = createSignal<"accept" | "reject">();
  // Accepting or rejecting cannot be undone: the first tap only asks to confirm.
  const [confirming, setConfirming] = createSignal<"accept" | "reject">();
  const status = () => (decision() === "accept" ? "accepted" : decision() === "reject" ? "rejected" : props.invoice.status ?? "pending");
  const { problem, busy, send } = createSubmission();
  const decide = async (action: "accept" | "reject") => {
    const result = await send("POST", "/buyer-initiated/action/submit", { action, invoice: props.invoice.invoice_number });
    setConfirming(undefined);
    if (result.ok) setDecision(action);
  };
  const lines = () => (props.invoice.items ?? []).map((item) => ({ item_name: item.item_name, quantity: item.quantity, unit: item.unit_price }));
  return (
    <div class="card">
      <h3>{props.invoice.invoice_number} <span class="status" data-status={status()} data-testid="invoice-status">{t(`bi.status.${status()}` as EtimsKey)}</span></h3>
      <p class="muted">{t("bi.from", { name: props.invoice.buyer_name ?? "" })} · {t("bi.to", { name: props.invoice.seller_name ?? props.invoice.supplier_pin ?? "" })}</p>
      <Show when={props.invoice.created_at}>{(date) => <p class="muted">{t("bi.created", { date: new Date(date()).toLocaleDateString("en-KE") })}</p>}</Show>
      <ItemsTable items={lines()} />
      <p class="total"><span>{t("common.total")}</span><span>{formatMoney(props.invoice.total_amount ?? 0)}</span></p>
      <Show when={documentPath(props.invoice.invoice_pdf_url)}>{(path) => <a class="btn secondary" href={path()} rel="external">{t("sale.download")}</a>}</Show>
      <Show when={documentParts(props.invoice.invoice_pdf_url)}>{(parts) => <WhatsAppSend document={{ document: "invoice", ...parts() }} />}</Show>
      <ProblemAlert problem={problem()} />
      <div aria-live="polite">
        <Show when={decision()}>{(done) => <p class="alert ok">{t(done() === "accept" ? "bi.accepted" : "bi.rejected")}</p>}</Show>
      </div>
      <Show when={props.canDecide && props.invoice.status === "awaiting_approval" && !decision()}>
        <Show when={confirming()} fallback={
          <>
            <ScriptButton class="btn" disabled={busy()} onClick={() => setConfirming("accept")}>{t("bi.accept")}</ScriptButton>
            <ScriptButton class="btn secondary" disabled={busy()} onClick={() => setConfirming("reject")}>{t("bi.reject")}</ScriptButton>
          </>
        }>
          {(action) => (
            <div class="alert warn" role="alert" data-testid="confirm-decision">
              <p>{t(action() === "accept" ? "bi.confirmAccept" : "bi.confirmReject", { number: props.invoice.invoice_number })}</p>
              <ScriptButton class="btn" disabled={busy()} onClick={() => decide(action())}>{t(action() === "accept" ? "bi.yesAccept" : "bi.yesReject")}</ScriptButton>
              <ScriptButton class="btn secondary" disabled={busy()} onClick={() => setConfirming(undefined)}>{t("bi.notNow")}</ScriptButton>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}

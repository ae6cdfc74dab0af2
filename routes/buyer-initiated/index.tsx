import { A, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { isServer } from "solid-js/web";
import { Choice } from "../../components/Field";
import { INVOICE_STATUSES } from "../../server/shared/schemas";
import { ProblemAlert } from "../../components/ProblemAlert";
import { BulkDecision } from "../../components/BulkDecision";
import { callApi } from "../../components/lib/gateway-api";
import { useEtimsText, type EtimsKey } from "../../components/i18n/etims";
import { useBulkText } from "../../components/i18n/bulk";
import { readInvoicePage } from "../../components/lib/invoice-listing";
import { Layout } from "../../components/Layout";
import { formatMoney } from "../../components/lib/money";
import { SignedIn } from "../../components/SignedIn";
import { ScriptButton } from "../../components/ScriptButton";

const PAGE_SIZE = 10;
const FILTERS = ["", ...INVOICE_STATUSES.filter((status) => status !== "pending")] as const;

export default function BuyerInitiatedList() {
  return <SignedIn service="etims">{() => <InvoiceList />}</SignedIn>;
}

function InvoiceList() {
  const t = useEtimsText();
  const bulkText = useBulkText();
  const [params, setParams] = useSearchParams();
  const actor = () => (params.actor === "supplier" ? "supplier" : "buyer");
  const status = () => (typeof params.status === "string" && FILTERS.includes(params.status as never) ? params.status : "");
  const page = () => Math.max(1, Number(params.page) || 1);
  // A seller picks several invoices awaiting approval and decides them together (BulkDecision); a new listing clears the pick.
  const [selected, setSelected] = createSignal<string[]>([]);
  // Fetched in the browser only: the server renders the page frame and "loading".
  const [listing, { refetch }] = createResource(() => !isServer && { actor: actor(), status: status(), page: page() }, async (query) => {
    setSelected([]);
    const search = new URLSearchParams({ actor: query.actor, page: String(query.page), page_size: String(PAGE_SIZE) });
    if (query.status) search.set("status", query.status);
    const result = await callApi<unknown>("GET", `/buyer-initiated/fetch?${search}`);
    if (result.ok) return { page: readInvoicePage(result.data as never) };
    if (result.problem.kind === "business" && result.problem.code === 19) return { page: { entries: [], total: 0 } };
    return { problem: result.problem };
  });
  const pending = () => (actor() === "supplier" ? (listing()?.page?.entries ?? []).filter((e) => e.status === "awaiting_approval") : []);
  const toggle = (invoice: string, on: boolean) => setSelected(on ? [...selected(), invoice] : selected().filter((i) => i !== invoice));
  const pages = () => Math.max(1, Math.ceil((listing()?.page?.total ?? 0) / PAGE_SIZE));
  return (
    <Layout title="bi.title">
      <A class="btn" href="/buyer-initiated/new">{t("bi.new")}</A>
      <nav class="tabs" aria-label={t("bi.title")} style={{ "margin-top": "12px" }}>
        <A href="/buyer-initiated?actor=buyer" aria-current={actor() === "buyer" ? "page" : undefined}>{t("bi.asBuyer")}</A>
        <A href="/buyer-initiated?actor=supplier" aria-current={actor() === "supplier" ? "page" : undefined}>{t("bi.asSeller")}</A>
      </nav>
      <label for="status">{t("bi.filter")}</label>
      <select id="status" value={status()} onChange={(e) => setParams({ status: e.currentTarget.value || undefined, page: undefined })}>
        <For each={FILTERS}>{(value) => <option value={value}>{t(`bi.status.${value || "all"}` as EtimsKey)}</option>}</For>
      </select>
      <div aria-live="polite" aria-busy={listing.loading}>
        <Show when={listing()} fallback={<p class="muted loading">{t("common.loading")}</p>}>
          <ProblemAlert problem={listing()?.problem} />
          <Show when={listing()?.page}>
            {(current) => (
              <Show when={current().entries.length > 0} fallback={<p class="card">{t("bi.empty")}</p>}>
                <Show when={pending().length > 1}>
                  <Choice type="checkbox" checked={selected().length === pending().length} label={bulkText("bulk.selectAll")}
                    onChange={(e) => setSelected(e.currentTarget.checked ? pending().map((p) => p.invoice_number) : [])} />
                </Show>
                <ul class="list" style={{ "margin-top": "12px" }}>
                  <For each={current().entries}>
                    {(entry) => (
                      <li>
                        <Show when={actor() === "supplier" && entry.status === "awaiting_approval"}>
                          <Choice type="checkbox" checked={selected().includes(entry.invoice_number)} label={bulkText("bulk.select", { invoice: entry.invoice_number })}
                            onChange={(e) => toggle(entry.invoice_number, e.currentTarget.checked)} />
                        </Show>
                        <p><strong>{entry.invoice_number}</strong> <span class="status" data-status={entry.status ?? "pending"}>{t(`bi.status.${entry.status ?? "pending"}` as EtimsKey)}</span></p>
                        <p class="muted">
                          {actor() === "buyer" ? t("bi.to", { name: entry.seller_name ?? entry.supplier_pin ?? "" }) : t("bi.from", { name: entry.buyer_name ?? "" })}
                          {" · "}{formatMoney(entry.total_amount ?? 0)}
                          <Show when={shortDate(entry.created_at)}>{(date) => <>{" · "}{date()}</>}</Show>
                        </p>
                        <A href={`/buyer-initiated/${encodeURIComponent(entry.uuid ?? entry.invoice_number)}?actor=${actor()}`}>{t("bi.view")}</A>
                      </li>
                    )}
                  </For>
                </ul>
                <div class="pager">
                  <ScriptButton class="btn secondary" disabled={page() <= 1} onClick={() => setParams({ page: page() - 1 })}>{t("bi.previous")}</ScriptButton>
                  <span>{t("bi.page", { page: page(), pages: pages() })}</span>
                  <ScriptButton class="btn secondary" disabled={page() >= pages()} onClick={() => setParams({ page: page() + 1 })}>{t("bi.next")}</ScriptButton>
                </div>
              </Show>
            )}
          </Show>
        </Show>
      </div>
      <Show when={actor() === "supplier"}>
        <BulkDecision selected={selected()} onDone={() => { setSelected([]); void refetch(); }} />
      </Show>
      <a class="btn secondary" href="/">{t("common.home")}</a>
    </Layout>
  );
}

/** An ISO date or timestamp as dd/mm/yyyy (Nairobi), as the rest of the app writes dates. */
function shortDate(value: string | undefined): string | undefined {
  const date = value ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

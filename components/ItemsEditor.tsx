import { For, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { Field } from "./Field";
import { useEtimsText } from "./i18n/etims";
import { formatMoney, parseAmount } from "./lib/money";
import { ScriptButton } from "./ScriptButton";

export interface ItemDraft { item_name: string; quantity: string; taxable_amount: string }
export const emptyItem = (): ItemDraft => ({ item_name: "", quantity: "1", taxable_amount: "" });

export function toItems(drafts: ItemDraft[]) {
  return drafts.map((item) => ({ item_name: item.item_name.trim(), quantity: parseAmount(item.quantity), taxable_amount: parseAmount(item.taxable_amount) }));
}

export function itemsTotal(drafts: ItemDraft[]): number {
  return Math.round(toItems(drafts).reduce((sum, item) => sum + (item.quantity || 0) * (item.taxable_amount || 0), 0) * 100) / 100;
}

export function createItems() {
  return createStore<ItemDraft[]>([emptyItem()]);
}

/** Items with live line totals and a running total; `invalid` holds the refused field paths. */
export function ItemsEditor(props: { items: ItemDraft[]; setItems: ReturnType<typeof createItems>[1]; invalid: Set<string> }) {
  const t = useEtimsText();
  const error = (index: number, field: string) => (props.invalid.has(`items.${index}.${field}`) ? t("common.invalid") : undefined);
  return (
    <section aria-labelledby="items-title">
      <h3 id="items-title">{t("items.title")}</h3>
      <For each={props.items}>
        {(item, index) => (
          <div class="item">
            <Field id={`item-${index()}-name`} label={t("items.name")} value={item.item_name} maxLength={100} required
              error={error(index(), "item_name")} onInput={(e) => props.setItems(index(), "item_name", e.currentTarget.value)} />
            <div class="row">
              <Field id={`item-${index()}-quantity`} label={t("items.quantity")} value={item.quantity} inputMode="decimal" required
                error={error(index(), "quantity")} onInput={(e) => props.setItems(index(), "quantity", e.currentTarget.value)} />
              <Field id={`item-${index()}-price`} label={t("items.price")} value={item.taxable_amount} inputMode="decimal" required
                error={error(index(), "taxable_amount")} onInput={(e) => props.setItems(index(), "taxable_amount", e.currentTarget.value)} />
            </div>
            <p class="muted">{t("items.lineTotal")}: {formatMoney(itemsTotal([item]))}</p>
            <Show when={props.items.length > 1}>
              <ScriptButton class="btn link" onClick={() => props.setItems(produce((list) => void list.splice(index(), 1)))}>
                {t("common.remove")}
              </ScriptButton>
            </Show>
          </div>
        )}
      </For>
      <ScriptButton class="btn secondary" onClick={() => props.setItems(props.items.length, emptyItem())}>{t("items.add")}</ScriptButton>
      <p class="total" aria-live="polite"><span>{t("common.total")}</span><span>{formatMoney(itemsTotal(props.items))}</span></p>
    </section>
  );
}

export function ItemsTable(props: { items: { item_name: string; quantity: number; unit: number }[] }) {
  const t = useEtimsText();
  return (
    <table class="lines">
      <thead><tr><th>{t("items.name")}</th><th>{t("items.quantity")}</th><th>{t("common.total")}</th></tr></thead>
      <tbody>
        <For each={props.items}>
          {(item) => <tr><td>{item.item_name}</td><td>{item.quantity} × {formatMoney(item.unit)}</td><td>{formatMoney(item.quantity * item.unit)}</td></tr>}
        </For>
      </tbody>
    </table>
  );
}

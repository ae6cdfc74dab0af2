import { Show, type JSX } from "solid-js";
import { ProblemAlert } from "./Alert";
import type { ApiProblem } from "./lib/gateway-api";
import { useI18n } from "./i18n";
import { type createItems, ItemsEditor, ItemsTable, itemsTotal, toItems, type ItemDraft } from "./ItemsEditor";
import { formatMoney, MAX_AMOUNT } from "./lib/money";
import { registerNotices } from "./i18n/notices";

// Its review and refusal texts are in the notices catalogue (components/i18n/notices.ts).
registerNotices();

type Items = ReturnType<typeof createItems>;

/** The items step shared by the invoice journeys. */
export function ItemsStep(props: { items: Items; invalid: Set<string>; onContinue: () => void; onBack: () => void; children?: JSX.Element }) {
  const { t } = useI18n();
  return (
    <div class="card">
      {props.children}
      <ItemsEditor items={props.items[0]} setItems={props.items[1]} invalid={props.invalid} />
      <Show when={props.invalid.has("total_amount") && itemsTotal(props.items[0]) > MAX_AMOUNT}>
        <p class="alert error" role="alert" data-testid="total-too-large">{t("items.totalTooLarge", { max: formatMoney(MAX_AMOUNT) })}</p>
      </Show>
      <button class="btn" type="button" onClick={() => props.onContinue()}>{t("common.continue")}</button>
      <button class="btn secondary" type="button" onClick={() => props.onBack()}>{t("common.back")}</button>
    </div>
  );
}

/** The review step: who, the lines, the total, then submit or go back to edit. */
export function ReviewStep(props: {
  party: JSX.Element; items: ItemDraft[]; problem?: ApiProblem; busy: boolean; onSubmit: () => void; onEdit: () => void;
  /** Once KRA has it (Back from the result): its number, and no second submit. */
  submitted?: { number: string; again: string };
}) {
  const { t } = useI18n();
  return (
    <div class="card">
      <h3>{t("review.title")}</h3>
      <p>{props.party}</p>
      <ItemsTable items={toItems(props.items).map((item) => ({ ...item, unit: item.taxable_amount }))} />
      <p class="total"><span>{t("common.total")}</span><span>{formatMoney(itemsTotal(props.items))}</span></p>
      <Show when={props.submitted} fallback={
        <>
          <ProblemAlert problem={props.problem} />
          <button class="btn" type="button" disabled={props.busy} onClick={() => props.onSubmit()}>{props.busy ? t("common.loading") : t("common.submit")}</button>
          <button class="btn secondary" type="button" onClick={() => props.onEdit()}>{t("common.edit")}</button>
        </>
      }>
        {(sent) => (
          <>
            <p class="alert ok" data-testid="already-submitted">{t("review.already", { number: sent().number })}</p>
            <a class="btn secondary" href={sent().again} rel="external">{t("review.startNew")}</a>
          </>
        )}
      </Show>
    </div>
  );
}

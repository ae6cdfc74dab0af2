import { createSignal, Show, type JSX } from "solid-js";
import type { ZodType } from "zod";
import { ProblemAlert } from "./ProblemAlert";
import type { ApiProblem } from "./lib/gateway-api";
import { useI18n } from "./i18n";
import { createItems, ItemsEditor, ItemsTable, itemsTotal, toItems, type ItemDraft } from "./ItemsEditor";
import { formatMoney, MAX_AMOUNT } from "./lib/money";
import { keepReference, type ReferenceKind } from "./lib/last-reference";
import { createSteps } from "./lib/steps";
import { createSubmission } from "./lib/submission";
import { PartyLookup, type Party } from "./PartyLookup";
import { registerNotices } from "./i18n/notices";
import { ScriptButton } from "./ScriptButton";

// Its review and refusal texts are in the notices catalogue (components/i18n/notices.ts).
registerNotices();

type Items = ReturnType<typeof createItems>;

/** An invoice journey's state: its step in history, the other party, the lines, the call, and what KRA created. */
export function createInvoiceJourney<First extends string, Answer = undefined>(first: First, again: string) {
  const [step, go] = createSteps<First | "items" | "review" | "done">(first);
  const [party, setParty] = createSignal<Party>();
  const items = createItems();
  const submission = createSubmission();
  /** Goes to the review step once the gateway's own schema accepts the body. */
  const review = (schema: ZodType, body: unknown) => submission.check(schema, body) && go("review");
  /** The lines and their total, as both invoice bodies carry them. */
  const lines = () => ({ total_amount: itemsTotal(items[0]), items: toItems(items[0]) });
  const [created, setCreated] = createSignal<{ number: string; answer: Answer }>();
  /** KRA has it: its number is kept for the session-ended page, and the result shows. */
  const finish = (kind: ReferenceKind, number: string | undefined, answer: Answer) => {
    keepReference(kind, number);
    setCreated({ number: number ?? "", answer });
    go("done");
  };
  /** For the review step after Back from the result: its number, and no second submit. */
  const submitted = () => created() && { number: created()!.number, again };
  return { ...submission, step, go, party, setParty, items, lines, review, created, finish, submitted };
}

/** The first step: who the invoice is with, found by PIN or ID, then the page's own fields. */
export function PartyStep(props: {
  title: string; id: string; label: string; party?: "buyer" | "seller"; found?: Party; onFound: (party: Party | undefined) => void;
  continueLabel: string; onContinue: () => void; children?: JSX.Element;
}) {
  return (
    <div class="card">
      <h3>{props.title}</h3>
      <PartyLookup id={props.id} party={props.party} label={props.label} found={props.found} onFound={props.onFound} />
      {props.children}
      <ScriptButton class="btn" onClick={() => props.onContinue()}>{props.continueLabel}</ScriptButton>
    </div>
  );
}

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
      <ScriptButton class="btn" onClick={() => props.onContinue()}>{t("common.continue")}</ScriptButton>
      <ScriptButton class="btn secondary" onClick={() => props.onBack()}>{t("common.back")}</ScriptButton>
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
          <ScriptButton class="btn" disabled={props.busy} onClick={() => props.onSubmit()}>{props.busy ? t("common.loading") : t("common.submit")}</ScriptButton>
          <ScriptButton class="btn secondary" onClick={() => props.onEdit()}>{t("common.edit")}</ScriptButton>
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

import { createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { CREDIT_NOTE_REASONS, creditNoteSearchSchema, fullCreditNoteSchema, partialCreditNoteSchema } from "../server/shared/schemas";
import { ProblemAlert } from "../components/ProblemAlert";
import { documentParts, documentPath } from "../components/lib/etims-documents";
import { WhatsAppSend } from "../components/WhatsAppSend";
import { Choice, Field } from "../components/Field";
import { type MessageKey } from "../components/i18n";
import { useEtimsText, type EtimsKey } from "../components/i18n/etims";
import { ItemsTable } from "../components/ItemsEditor";
import { Layout } from "../components/Layout";
import { formatMoney, parseAmount } from "../components/lib/money";
import { SignedIn } from "../components/SignedIn";
import { createSteps } from "../components/lib/steps";
import { createSubmission } from "../components/lib/submission";
import { keepReference } from "../components/lib/last-reference";
import { registerNotices } from "../components/i18n/notices";
import { ScriptButton } from "../components/ScriptButton";

// Its review and refusal texts are in the notices catalogue (components/i18n/notices.ts).
registerNotices();

interface FoundInvoice {
  invoice_no: string;
  total_amount?: number;
  has_partial_credit_note?: boolean;
  items?: { id: string; item_name: string; unit_price?: number; item_price?: number; quantity: number }[];
}
interface CreditAnswer { code: number; message?: string; credit_note_ref?: string; credit_note_pdf_url?: string }
// The recorded upstream answers 8 on success; the original app expected 12 (README: Upstream API, credit-note codes).
const CREDIT_NOTE_SUCCESS = new Set([8, 12]);

export default function CreditNote() {
  return <SignedIn service="etims">{() => <CreditNoteJourney />}</SignedIn>;
}

function CreditNoteJourney() {
  const t = useEtimsText();
  const [step, go] = createSteps<"search" | "choose" | "review" | "done">("search");
  const [number, setNumber] = createSignal("");
  const [invoice, setInvoice] = createSignal<FoundInvoice>();
  const [kind, setKind] = createSignal<"full" | "partial">("full");
  const [quantities, setQuantities] = createStore<Record<string, string>>({});
  const [reason, setReason] = createSignal<(typeof CREDIT_NOTE_REASONS)[number]>("refund");
  const { problem, setProblem, busy, send } = createSubmission();
  const [invalid, setInvalid] = createSignal<MessageKey | EtimsKey>();
  const [answer, setAnswer] = createSignal<CreditAnswer>();
  const unit = (item: NonNullable<FoundInvoice["items"]>[number]) => item.unit_price ?? item.item_price ?? 0;
  const chosen = () => (invoice()?.items ?? [])
    .map((item) => ({ item, quantity: parseAmount(quantities[item.id] ?? "0") }))
    .filter(({ quantity }) => quantity > 0);
  const body = () => kind() === "full"
    ? { invoice_no: invoice()!.invoice_no, reason: reason() }
    : { invoice_no: invoice()!.invoice_no, reason: reason(),
        items: chosen().map(({ item, quantity }) => ({ item_id: item.id, quantity, item_name: item.item_name, item_price: unit(item) })) };

  const search = async () => {
    setProblem(undefined);
    const parsed = creditNoteSearchSchema.safeParse({ invoice_no: number() });
    setInvalid(parsed.success ? undefined : "common.invalid");
    if (!parsed.success) return;
    const result = await send<FoundInvoice & { code: number }>("POST", "/search/credit-note", parsed.data);
    if (!result.ok) return;
    setInvoice({ ...result.data, invoice_no: result.data.invoice_no ?? parsed.data.invoice_no });
    go("choose");
  };
  const review = () => {
    const tooMany = chosen().some(({ item, quantity }) => quantity > item.quantity);
    const schema = kind() === "full" ? fullCreditNoteSchema : partialCreditNoteSchema;
    const valid = !tooMany && schema.safeParse(body()).success;
    setInvalid(valid ? undefined : "cn.chooseItems");
    if (valid) go("review");
  };
  const submit = async () => {
    const result = await send<CreditAnswer>("POST", kind() === "full" ? "/submit/credit-note" : "/submit/partial-credit-note", body());
    if (result.ok && CREDIT_NOTE_SUCCESS.has(result.data.code)) return keepReference("creditNote", result.data.credit_note_ref), setAnswer(result.data), go("done");
    if (result.ok) setProblem({ kind: "business", code: result.data.code, message: result.data.message });
  };

  return (
    <Layout title="cn.title">
      <Switch>
        <Match when={step() === "search"}>
          <div class="card">
            <Field id="invoice-no" label={t("cn.searchLabel")} hint={t("cn.searchHint")} value={number()} autocomplete="off"
              error={invalid() ? t(invalid()!) : undefined} onInput={(e) => setNumber(e.currentTarget.value)} />
            <ProblemAlert problem={problem()} />
            <ScriptButton class="btn" disabled={busy()} onClick={search}>{busy() ? t("common.loading") : t("cn.search")}</ScriptButton>
          </div>
        </Match>
        <Match when={step() === "choose" && invoice()}>
          {(found) => (
            <div class="card">
              <p><strong>{t("cn.invoice", { number: found().invoice_no, total: formatMoney(found().total_amount ?? 0) })}</strong></p>
              <fieldset>
                <legend>{t("cn.kind")}</legend>
                <Choice type="radio" name="kind" checked={kind() === "full"} onChange={() => setKind("full")} label={t("cn.full")} />
                <Choice type="radio" name="kind" checked={kind() === "partial"} onChange={() => setKind("partial")} label={t("cn.partial")} />
              </fieldset>
              <Show when={kind() === "partial"}>
                <For each={found().items ?? []}>
                  {(item) => (
                    <Field id={`return-${item.id}`} label={`${item.item_name} · ${formatMoney(unit(item))}`} hint={t("cn.returnQuantity", { max: item.quantity })}
                      inputMode="decimal" value={quantities[item.id] ?? ""} onInput={(e) => setQuantities(item.id, e.currentTarget.value)} />
                  )}
                </For>
              </Show>
              <label for="reason">{t("cn.reason")}</label>
              <select id="reason" value={reason()} onChange={(e) => setReason(e.currentTarget.value as never)}>
                <For each={CREDIT_NOTE_REASONS}>{(value) => <option value={value}>{t(`cn.reason.${value}` as EtimsKey)}</option>}</For>
              </select>
              <div aria-live="assertive"><Show when={invalid()}>{(key) => <p class="alert error">{t(key())}</p>}</Show></div>
              <ScriptButton class="btn" onClick={review}>{t("common.continue")}</ScriptButton>
              <ScriptButton class="btn secondary" onClick={() => go("search")}>{t("common.back")}</ScriptButton>
            </div>
          )}
        </Match>
        <Match when={step() === "review" && invoice()}>
          {(found) => (
            <div class="card">
              <h3>{t("review.title")}</h3>
              <p>{t("cn.invoice", { number: found().invoice_no, total: formatMoney(found().total_amount ?? 0) })}</p>
              <p>{kind() === "full" ? t("cn.full") : t("cn.partial")} · {t(`cn.reason.${reason()}` as EtimsKey)}</p>
              <Show when={kind() === "partial"}>
                <ItemsTable items={chosen().map(({ item, quantity }) => ({ item_name: item.item_name, quantity, unit: unit(item) }))} />
              </Show>
              <Show when={answer()} fallback={
                <>
                  <ProblemAlert problem={problem()} />
                  <ScriptButton class="btn" disabled={busy()} onClick={submit}>{busy() ? t("common.loading") : t("common.submit")}</ScriptButton>
                  <ScriptButton class="btn secondary" onClick={() => go("choose")}>{t("common.edit")}</ScriptButton>
                </>
              }>
                {(sent) => <p class="alert ok" data-testid="already-submitted">{t("review.already", { number: sent().credit_note_ref ?? found().invoice_no })}</p>}
              </Show>
            </div>
          )}
        </Match>
        <Match when={step() === "done" && answer()}>
          {(done) => (
            <div class="card" role="status">
              <h3>{t("cn.submitted")}</h3>
              <Show when={done().credit_note_ref}>{(ref) => <p>{t("cn.ref", { ref: ref() })}</p>}</Show>
              <Show when={documentPath(done().credit_note_pdf_url)}>{(path) => <a class="btn" href={path()} download="" rel="external">{t("cn.download")}</a>}</Show>
              <Show when={documentParts(done().credit_note_pdf_url)}>{(parts) => <WhatsAppSend document={{ document: "credit_note", ...parts() }} />}</Show>
              <a class="btn secondary" href="/">{t("common.home")}</a>
            </div>
          )}
        </Match>
      </Switch>
    </Layout>
  );
}

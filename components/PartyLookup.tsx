import { createSignal, Show } from "solid-js";
import { buyerLookupSchema } from "../server/shared/schemas";
import { ProblemAlert } from "./ProblemAlert";
import { createSubmission } from "./lib/submission";
import { Field } from "./Field";
import { useEtimsText } from "./i18n/etims";
import { ScriptButton } from "./ScriptButton";

export interface Party { name: string; pin: string }

/**
 * PIN or ID → the taxpayer's name and PIN, through POST /api/buyer-initiated/lookup. `found` is the
 * party already found, shown again when Back returns to this step.
 */
export function PartyLookup(props: { id: string; label: string; party?: "buyer" | "seller"; found?: Party; onFound: (party: Party | undefined) => void }) {
  const t = useEtimsText();
  // Read once: the journey's party when the step mounts again, then this field's own.
  const [value, setValue] = createSignal(props.found?.pin ?? "");
  const [found, setFound] = createSignal<Party | undefined>(props.found);
  const { invalid, problem, setProblem, busy, check, send } = createSubmission();
  const lookup = async () => {
    setProblem(undefined);
    const body = { pin_or_id: value() };
    if (!check(buyerLookupSchema, body)) return;
    const result = await send<Party>("POST", "/buyer-initiated/lookup", buyerLookupSchema.parse(body));
    const party = result.ok ? { name: result.data.name, pin: result.data.pin } : undefined;
    setFound(party);
    props.onFound(party);
  };
  return (
    <div>
      <Field id={props.id} label={props.label} hint={t("buyer.lookupHint")} value={value()} autocomplete="off" autocapitalize="characters"
        error={invalid().size > 0 ? t("common.invalid") : undefined} onInput={(e) => setValue(e.currentTarget.value)} />
      <ScriptButton class="btn secondary" disabled={busy()} onClick={lookup}>{busy() ? t("common.loading") : t(props.party === "seller" ? "seller.lookup" : "buyer.lookup")}</ScriptButton>
      <ProblemAlert problem={problem()} />
      <div aria-live="polite">
        <Show when={found()}>{(party) => <p class="alert ok">{t(props.party === "seller" ? "seller.found" : "buyer.found", { name: party().name, pin: party().pin })}</p>}</Show>
      </div>
    </div>
  );
}

import { useSearchParams } from "@solidjs/router";
import { createSignal, For, onMount, Show } from "solid-js";
import type { ZodType } from "zod";
import { type CheckerFinding, type CheckerLabel, type StatusReading } from "../server/shared/checkers";
import type { Outcome } from "../server/shared/returns-read";
import { ProblemAlert } from "./ProblemAlert";
import { CheckersLayout } from "./CheckersLayout";
import { Field } from "./Field";
import { useCheckersText, type CheckersKey } from "./i18n/checkers";
import { markKraWords } from "./lib/kra-words";
import { formatMoney } from "./lib/money";
import { createSubmission } from "./lib/submission";
import { SignedIn } from "./SignedIn";

export interface CheckerField { name: string; label: CheckersKey; hint?: CheckersKey }

export interface CheckerProps {
  title: CheckersKey;
  /** What a found record means, said first: the checker's key prefix (`staffCheck` → staffCheck.good, .ended, .suspended, .unknown). */
  verdicts: VerdictPrefix;
  /** The gateway's public path under /api. */
  path: string;
  schema: ZodType;
  fields: CheckerField[];
  read: (answer: unknown) => Outcome<CheckerFinding>;
}

export type VerdictPrefix = "pinCheck" | "staffCheck" | "tccCheck" | "importCheck" | "invoiceCheck";

/** A checker page: its fields, the gateway's own query schema before sending, then the record's few fields. */
export function CheckerPage(props: CheckerProps) {
  return <CheckersLayout title={props.title}><SignedIn service="checkers">{() => <CheckerForm {...props} />}</SignedIn></CheckersLayout>;
}

type Result = { finding: CheckerFinding } | { missing: string | undefined };

function CheckerForm(props: CheckerProps) {
  const t = useCheckersText();
  const [params] = useSearchParams();
  const initial = Object.fromEntries(props.fields.map((field) => [field.name, typeof params[field.name] === "string" ? String(params[field.name]).slice(0, 40) : ""]));
  const [values, setValues] = createSignal<Record<string, string>>(initial);
  const [result, setResult] = createSignal<Result>();
  const submission = createSubmission();
  const run = async () => {
    setResult(undefined);
    if (!submission.check(props.schema, values())) return;
    const parsed = props.schema.parse(values()) as Record<string, string>;
    const answer = await submission.send<unknown>("GET", `${props.path}?${new URLSearchParams(parsed)}`);
    if (answer.ok) {
      const outcome = props.read(answer.data);
      setResult(outcome.ok ? { finding: outcome.value } : { missing: outcome.message });
    } else if (answer.problem.kind === "business") {
      submission.setProblem(undefined);
      setResult({ missing: answer.problem.message });
    }
  };
  // Without JavaScript the form is a GET to this page; with it, those values are checked at once.
  onMount(() => {
    if (props.fields.every((field) => initial[field.name] !== "")) void run();
  });
  return (
    <>
      <form class="card" method="get" onSubmit={(event) => { event.preventDefault(); void run(); }}>
        <p class="muted">{t("checkers.intro")}</p>
        <For each={props.fields}>
          {(field) => (
            <Field id={field.name} name={field.name} label={t(field.label)} hint={field.hint && t(field.hint)} autocomplete="off"
              autocapitalize="characters" value={values()[field.name]} error={submission.invalid().has(field.name) ? t("common.invalid") : undefined}
              onInput={(event) => setValues({ ...values(), [field.name]: event.currentTarget.value })} />
          )}
        </For>
        <button class="btn" type="submit" disabled={submission.busy()}>{t("checkers.check")}</button>
      </form>
      <ProblemAlert problem={submission.problem()} />
      <div aria-live="polite">
        <Show when={result()}>{(shown) => <CheckerResult result={shown()} verdicts={props.verdicts} />}</Show>
      </div>
      <a class="btn secondary" href="/checkers">{t("checkers.back")}</a>
    </>
  );
}

const VERDICT_CLASS = { good: "alert ok", ended: "alert error", suspended: "alert error", unknown: "alert warn" } as const;
const AMOUNTS = new Set<CheckerLabel>(["total", "taxable", "tax"]);

function CheckerResult(props: { result: Result; verdicts: VerdictPrefix }) {
  const t = useCheckersText();
  const status = (reading: StatusReading) =>
    (reading.word ? t(`checkers.status.${reading.word}`) : reading.raw ? t("checkers.status.kraWord", { status: reading.raw }) : t("checkers.status.none"));
  // The status row says what the verdict says (a TCC past its expiry date is expired, whatever KRA's status field reads).
  const value = (label: CheckerLabel, text: string, verdict: StatusReading) => {
    if (label === "status") return status(verdict);
    const amount = AMOUNTS.has(label) ? Number(text.replace(/,/g, "")) : NaN;
    return Number.isFinite(amount) ? formatMoney(amount) : text;
  };
  return (
    <Show when={"finding" in props.result && props.result.finding} fallback={
      <div class="alert error" data-testid="checker-missing">
        <p>{t("checkers.notFound")}</p>
        <Show when={"missing" in props.result && markKraWords(t, props.result.missing)}>{(message) => <p>{message()}</p>}</Show>
      </div>
    }>
      {(finding) => (
        <div class="card" data-testid="checker-result">
          <p class={VERDICT_CLASS[finding().verdict.standing]} data-testid="checker-verdict" data-standing={finding().verdict.standing}>
            {t(`${props.verdicts}.${finding().verdict.standing}` as CheckersKey, { status: status(finding().verdict) })}
          </p>
          <table class="lines">
            <tbody>
              <For each={finding().rows}>{([label, text]) => <tr><th scope="row">{t(`checkers.row.${label}`)}</th><td>{value(label, text, finding().verdict)}</td></tr>}</For>
            </tbody>
          </table>
        </div>
      )}
    </Show>
  );
}

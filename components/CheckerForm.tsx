import { useSearchParams } from "@solidjs/router";
import { createSignal, For, onMount, Show } from "solid-js";
import type { ZodType } from "zod";
import type { ResultRow } from "../server/shared/checkers";
import type { Outcome } from "../server/shared/returns";
import { ProblemAlert } from "./Alert";
import { CheckersLayout } from "./CheckersLayout";
import { Field } from "./Field";
import { useCheckersText, type CheckersKey } from "./i18n/checkers";
import { createSubmission } from "./lib/submission";
import { SignedIn } from "./SignedIn";

export interface CheckerField { name: string; label: CheckersKey; hint?: CheckersKey }

export interface CheckerProps {
  title: CheckersKey;
  /** What a found record means, said first. */
  valid: CheckersKey;
  /** The gateway's public path under /api. */
  path: string;
  schema: ZodType;
  fields: CheckerField[];
  read: (answer: unknown) => Outcome<ResultRow[]>;
}

/** A checker page: its fields, the gateway's own query schema before sending, then the record's few fields. */
export function CheckerPage(props: CheckerProps) {
  return <CheckersLayout title={props.title}><SignedIn service="checkers">{() => <CheckerForm {...props} />}</SignedIn></CheckersLayout>;
}

type Result = { rows: ResultRow[] } | { missing: string | undefined };

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
      setResult(outcome.ok ? { rows: outcome.value } : { missing: outcome.message });
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
        <Show when={result()}>{(shown) => <CheckerResult result={shown()} valid={props.valid} />}</Show>
      </div>
      <a class="btn secondary" href="/checkers">{t("checkers.back")}</a>
    </>
  );
}

function CheckerResult(props: { result: Result; valid: CheckersKey }) {
  const t = useCheckersText();
  return (
    <Show when={"rows" in props.result && props.result.rows} fallback={
      <div class="alert error" data-testid="checker-missing">
        <p>{t("checkers.notFound")}</p>
        <Show when={"missing" in props.result && props.result.missing}>{(message) => <p>{message()}</p>}</Show>
      </div>
    }>
      {(rows) => (
        <div class="card" data-testid="checker-result">
          <p class="alert ok">{t(props.valid)}</p>
          <table class="lines">
            <tbody>
              <For each={rows()}>{([label, value]) => <tr><th scope="row">{t(`checkers.row.${label}`)}</th><td>{value}</td></tr>}</For>
            </tbody>
          </table>
        </div>
      )}
    </Show>
  );
}

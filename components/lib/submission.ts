import { createSignal } from "solid-js";
import type { ZodType } from "zod";
import { callGateway, type ApiProblem, type ApiResult } from "./gateway-api";
import { gatewayFieldPaths, invalidFields } from "./field-errors";

/** How a page reads a 2xx answer: the value it shows, or the upstream's own sentence when it was not a success. */
export type AnswerReader<T> = (answer: unknown) => { ok: true; value: T } | { ok: false; message?: string };

/**
 * A form's round trip: fields the schema refuses, the call in flight, and its problem if it fails.
 * A form sent by script keeps its submit disabled until the script runs with components/ScriptButton.tsx.
 */
export function createSubmission() {
  const [invalid, setInvalid] = createSignal(new Set<string>());
  const [problem, setProblem] = createSignal<ApiProblem>();
  const [busy, setBusy] = createSignal(false);

  /** Checks with the gateway's own schema; true when nothing is refused. */
  const check = (schema: ZodType, value: unknown, only?: (path: string) => boolean) => {
    const refused = [...invalidFields(schema, value)].filter((path) => !only || only(path));
    setInvalid(new Set(refused));
    return refused.length === 0;
  };

  /** One call to any gateway path; a body the gateway refuses marks its fields. */
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> => {
    setBusy(true);
    setProblem(undefined);
    const result = await callGateway<T>(method, path, body);
    setBusy(false);
    if (!result.ok) {
      if (result.problem.kind === "gateway" && result.problem.code === "invalid_body") setInvalid(gatewayFieldPaths(result.problem.fields));
      setProblem(result.problem);
    }
    return result;
  };

  /** A proxied call: `path` is under /api. */
  const send = <T>(method: "GET" | "POST", path: string, body?: unknown) => call<T>(method, `/api${path}`, body);

  /** A POST to the gateway's own routes (sign-up and PIN under /session/): the answer, or undefined with the problem set. */
  const post = async <T>(path: string, body: unknown): Promise<T | undefined> => {
    const result = await call<T>("POST", path, body);
    return result.ok ? result.data : undefined;
  };

  /**
   * A returns or payments call: a 2xx the upstream did not mean as a success is shown with the upstream's own sentence.
   * The reader may still be loading (a page that keeps the readers out of its first scripts): it loads beside the call.
   */
  const run = async <T>(
    method: "GET" | "POST", path: string, body: unknown, read: AnswerReader<T> | Promise<AnswerReader<T>>,
  ): Promise<{ value: T } | undefined> => {
    const [result, reader] = await Promise.all([send<unknown>(method, path, body), Promise.resolve(read).catch(() => undefined)]);
    if (!result.ok) return undefined;
    if (!reader) {
      setProblem({ kind: "network" });
      return undefined;
    }
    const outcome = reader(result.data);
    if (outcome.ok) return { value: outcome.value };
    setProblem({ kind: "business", message: outcome.message });
    return undefined;
  };

  return { invalid, problem, setProblem, busy, check, send, post, run };
}

/** The named fields of a submitted form, as text; `method="post"` keeps the ID out of the URL should a form ever be sent natively. */
export function formFields(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  return Object.fromEntries([...data.entries()].map(([name, value]) => [name, String(value).trim()]));
}

import { createSignal } from "solid-js";
import type { ZodType } from "zod";
import { callApi, type ApiProblem, type ApiResult } from "./gateway-api";
import { gatewayFieldPaths, invalidFields } from "./field-errors";

/** A form's round trip: fields the schema refuses, the call in flight, and its problem if it fails. */
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

  /** One call; a body the gateway refuses marks its fields. */
  const send = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> => {
    setBusy(true);
    setProblem(undefined);
    const result = await callApi<T>(method, path, body);
    setBusy(false);
    if (!result.ok) {
      if (result.problem.kind === "gateway" && result.problem.code === "invalid_body") setInvalid(gatewayFieldPaths(result.problem.fields));
      setProblem(result.problem);
    }
    return result;
  };

  return { invalid, problem, setProblem, busy, check, send };
}

import { createSignal, onMount } from "solid-js";
import { isErrorCode, type GatewayErrorBody } from "../../server/shared/error-codes";
import { endSession, type ApiProblem } from "./gateway-api";

type Answer<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

/** One same-origin JSON POST to the gateway's sign-up and PIN routes under /session/. */
async function postSession<T>(path: string, body: unknown): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { kind: "network" } };
  }
  const data = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, data: data as T };
  const error = (data ?? {}) as Partial<GatewayErrorBody>;
  if (!isErrorCode(error.error)) return { ok: false, problem: { kind: "business" } };
  // A session that ended (or is no longer phone-verified) leaves the page, as /api calls do.
  if (response.status === 401) endSession(error.error);
  return { ok: false, problem: { kind: "gateway", code: error.error, requestId: error.requestId, fields: error.fields } };
}

/**
 * A sign-up form's round trip: the call in flight and its problem, if any. Busy until the page's
 * script runs: its button is served disabled, so a tap on a slow network cannot post the form
 * natively (which would show the route's JSON answer instead of the page).
 */
export function createSignupCall() {
  const [problem, setProblem] = createSignal<ApiProblem>();
  const [busy, setBusy] = createSignal(true);
  onMount(() => setBusy(false));
  const post = async <T>(path: string, body: unknown): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    const answer = await postSession<T>(path, body);
    setBusy(false);
    if (answer.ok) return answer.data;
    setProblem(answer.problem);
    return undefined;
  };
  return { problem, busy, post };
}

/** The named fields of a submitted form, as text; `method="post"` keeps the ID out of the URL should a form ever be sent natively. */
export function formFields(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  return Object.fromEntries([...data.entries()].map(([name, value]) => [name, String(value).trim()]));
}

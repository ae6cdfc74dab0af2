import { ofetch } from "ofetch";

import { JsonCallTimeout } from "./json-timeout";

export interface JsonAnswer { status: number; body: unknown }

/** ofetch on fetch (workerd); the deadline's own state tells a timeout, error names differ between runtimes. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const response = await ofetch.raw(url, {
      method: "POST", body: body as Record<string, unknown>, headers, signal: deadline, retry: 0, redirect: "manual", ignoreResponseError: true, responseType: "json",
    });
    return { status: response.status, body: response._data };
  } catch (error) {
    if (deadline.aborted) throw new JsonCallTimeout();
    throw error;
  }
}

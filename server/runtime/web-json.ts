import { JSON_ANSWER_MAX_BYTES, JsonAnswerTooLarge, JsonCallTimeout } from "./json-timeout";

export interface JsonAnswer { status: number; body: unknown }

/**
 * fetch (workerd) with one deadline for the whole call, body included, and at
 * most JSON_ANSWER_MAX_BYTES of answer. The deadline's own state tells a
 * timeout: error names differ between runtimes.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST", body: JSON.stringify(body), headers: { ...headers, "content-type": "application/json" }, signal: deadline, redirect: "manual",
    });
    return { status: response.status, body: parseJson(await readCapped(response, JSON_ANSWER_MAX_BYTES)) };
  } catch (error) {
    if (deadline.aborted) throw new JsonCallTimeout();
    throw error;
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new JsonAnswerTooLarge();
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

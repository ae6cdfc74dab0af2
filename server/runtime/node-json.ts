import { Agent } from "undici";
import { JSON_ANSWER_MAX_BYTES, RuntimeFailure, type JsonAnswer } from "./contract";

// Identity calls are small JSON round trips on the entry path: undici's request
// API on a keep-alive pool, without fetch's Request/Response/stream machinery.
const agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 });

/**
 * One deadline for the whole call (connect, headers and body: undici's own
 * timers restart on every byte, so a dripping answer would never trip them)
 * and at most JSON_ANSWER_MAX_BYTES of answer, never buffered past that.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const target = new URL(url);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const response = await agent.request({
      origin: target.origin, path: target.pathname + target.search, method: "POST",
      headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body),
      headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: deadline.signal,
    });
    const text = await readCapped(response.body, JSON_ANSWER_MAX_BYTES);
    return { status: response.statusCode, body: parseJson(text) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof RuntimeFailure) throw error;
    if (deadline.signal.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") throw new RuntimeFailure("timeout");
    throw new RuntimeFailure("unavailable");
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new RuntimeFailure("too_large");
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

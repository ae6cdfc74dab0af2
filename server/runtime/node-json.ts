import { Agent } from "undici";
import { JSON_ANSWER_MAX_BYTES, RuntimeFailure, type JsonAnswer, type ServiceAnswer, type ServiceCall } from "./contract";

/** Errors raised before a connection exists: the request was never sent. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

// Identity calls are small JSON round trips on the entry path: undici's request
// API on a keep-alive pool, without fetch's Request/Response/stream machinery.
// The rare service calls (WhatsApp) share it.
const agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 });

/**
 * One deadline for the whole call (connect, headers and body: undici's own
 * timers restart on every byte, so a dripping answer would never trip them)
 * and at most JSON_ANSWER_MAX_BYTES of answer, never buffered past that.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const answer = await callService({
    method: "POST", url, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body),
    timeoutMs, maxResponseBytes: JSON_ANSWER_MAX_BYTES,
  });
  return { status: answer.status, body: parseJson(Buffer.from(answer.body).toString("utf8")) };
}

/** Any held call: the same deadline and byte bound as postJson, the answer as bytes. */
export async function callService(call: ServiceCall): Promise<ServiceAnswer> {
  const target = new URL(call.url);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), call.timeoutMs);
  try {
    const response = await agent.request({
      origin: target.origin, path: target.pathname + target.search, method: call.method, headers: call.headers, body: call.body,
      headersTimeout: call.timeoutMs, bodyTimeout: call.timeoutMs, signal: deadline.signal,
    });
    const body = await readCapped(response.body, call.maxResponseBytes);
    const type = response.headers["content-type"];
    return { status: response.statusCode, contentType: typeof type === "string" ? type : "", body };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof RuntimeFailure) throw error;
    if (code && NOT_CONNECTED.has(code)) throw new RuntimeFailure("unavailable", "unavailable", "reset", true);
    if (deadline.signal.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") throw new RuntimeFailure("timeout");
    throw new RuntimeFailure("unavailable");
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<Buffer> {
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
  return Buffer.concat(chunks, total);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

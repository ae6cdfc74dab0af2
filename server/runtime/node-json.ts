import { Agent } from "undici";

// Identity calls are small JSON round trips on the entry path: undici's request
// API on a keep-alive pool, without fetch's Request/Response/stream machinery.
const agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 });

import { JsonCallTimeout } from "./json-timeout";

export interface JsonAnswer { status: number; body: unknown }

export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const target = new URL(url);
  try {
    const response = await agent.request({
      origin: target.origin, path: target.pathname + target.search, method: "POST",
      headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body),
      headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: parseJson(text) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") throw new JsonCallTimeout();
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

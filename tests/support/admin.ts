import { randomBytes } from "node:crypto";
import { freePort, type RunningGateway } from "./gateway";

/** The environment that turns the admin listener on, on a free loopback port. */
export async function adminEnv(): Promise<{ NITRO_ADMIN_PORT: string; NITRO_ADMIN_TOKEN: string }> {
  return { NITRO_ADMIN_PORT: String(await freePort()), NITRO_ADMIN_TOKEN: randomBytes(32).toString("base64url") };
}

/** Resolves once the gateway has logged that its admin listener listens. */
export async function adminReady(gateway: RunningGateway): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (gateway.output.some((line) => line.includes("admin listener ready"))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no admin listener:\n${gateway.output.join("\n")}`);
}

/** One call to the admin listener, with the token unless `token` is given (null: none). */
export function adminCall(env: { NITRO_ADMIN_PORT: string; NITRO_ADMIN_TOKEN: string }, method: string, path: string, body?: unknown, token?: string | null): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const bearer = token === undefined ? env.NITRO_ADMIN_TOKEN : token;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  return fetch(`http://127.0.0.1:${env.NITRO_ADMIN_PORT}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

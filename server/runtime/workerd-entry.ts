// The worker's entry (server/build/worker.ts), in place of the cloudflare-module
// preset's: that one reads the whole request body into memory before any
// handler runs, so a size cap came too late. Here the body stays a stream on
// `event.context.cloudflare.request`, read (and cancelled at its cap) by
// server/utils/body.ts. The module also exports the gateway's Durable Object.
import "#nitro-internal-pollyfills";
import { useNitroApp } from "nitropack/runtime";

export { GatewayCounter } from "./counter-object";

interface WorkerContext { waitUntil(promise: Promise<unknown>): void }
interface CloudflareRequest extends Request { cf?: unknown }

const nitroApp = useNitroApp();

export default {
  fetch(request: CloudflareRequest, env: Record<string, unknown>, context: WorkerContext): Promise<Response> {
    (globalThis as { __env__?: unknown }).__env__ = env;
    const url = new URL(request.url);
    return nitroApp.localFetch(url.pathname + url.search, {
      context: {
        waitUntil: (promise: Promise<unknown>) => context.waitUntil(promise),
        _platform: { cf: request.cf, cloudflare: { request, env, context, url } },
      },
      host: url.hostname,
      protocol: url.protocol,
      method: request.method,
      headers: request.headers,
    } as RequestInit);
  },
};

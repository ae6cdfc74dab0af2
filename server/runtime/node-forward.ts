import type { ServerResponse } from "node:http";
import type { H3Event } from "h3";
import { Agent, type Dispatcher } from "undici";
import { gatewayError } from "../utils/errors";
import type { UpstreamRequest } from "../utils/proxy-request";
import { judgeUpstreamResponse, KEPT_RESPONSE_HEADERS, type UpstreamVerdict } from "../utils/upstream-policy";

// One keep-alive pool per upstream origin. Responses are written straight to the
// client socket from undici's dispatch callbacks: no fetch, no web streams, no
// intermediate Readable (DESIGN.md measured these as most of proxyRequest's cost).
const agent = new Agent({ connections: 128, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });

class Refusal extends Error {
  constructor(readonly verdict: Extract<UpstreamVerdict, { pass: false }>) {
    super(verdict.code);
  }
}
class Deadline extends Error {}

/** Streams the upstream answer to the client, or throws a gateway error if nothing was sent yet. */
export function forwardUpstream(event: H3Event, request: UpstreamRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const res = event.node.res;
    let controller: Dispatcher.DispatchController | undefined;
    let started = false;
    let settled = false;
    let bytes = 0;
    const deadline = setTimeout(() => controller?.abort(new Deadline()), request.timeoutMs);
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error === undefined) return resolve();
      if (started) {
        res.destroy();
        return resolve();
      }
      reject(toGatewayError(error));
    };
    res.once("close", () => !settled && controller?.abort(new Error("client closed")));
    agent.dispatch(
      { origin: request.origin, path: request.path, method: request.method, headers: request.headers, body: request.body,
        headersTimeout: request.timeoutMs, bodyTimeout: request.timeoutMs },
      {
        onRequestStart: (ctrl) => void (controller = ctrl),
        onResponseStart(ctrl, status, headers) {
          const verdict = judgeUpstreamResponse(status, header(headers["content-type"]),
            numeric(headers["content-length"]), request.responds, request.maxResponseBytes);
          if (!verdict.pass) return ctrl.abort(new Refusal(verdict));
          writeHead(res, status, headers);
          started = true;
        },
        onResponseData(ctrl, chunk) {
          bytes += chunk.length;
          if (bytes > request.maxResponseBytes) return ctrl.abort(new Refusal({ pass: false, code: "upstream_error" }));
          if (!res.write(chunk)) {
            ctrl.pause();
            res.once("drain", () => ctrl.resume());
          }
        },
        onResponseEnd() {
          res.end();
          settle();
        },
        onResponseError: (_ctrl, error) => settle(error),
      },
    );
  });
}

function writeHead(res: ServerResponse, status: number, headers: Record<string, string | string[] | undefined>): void {
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") res.setHeader(name, value);
  }
  res.writeHead(status);
}

function toGatewayError(error: unknown) {
  if (error instanceof Refusal) {
    return gatewayError(error.verdict.code, error.verdict.endSession ? { clearSession: true } : {});
  }
  const code = (error as { code?: string }).code;
  if (error instanceof Deadline || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return gatewayError("upstream_timeout");
  }
  return gatewayError("upstream_unavailable");
}

const header = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const numeric = (value: string | string[] | undefined) => (typeof value === "string" ? Number(value) : undefined);

import type { H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import type { HeldAnswer, UpstreamRequest } from "../runtime/contract";
import { failUpstreamCall, judgeAnswer } from "../proxy/answer";
import { upstreamHeaders } from "../proxy/request";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { recordUpstream } from "../utils/metrics";
import type { Session } from "../utils/session";

/** One call the ITR use case makes to the iTax base `A`, built from the session and validated values only. */
export interface ItaxCall {
  ruleId: string;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

/** The employer rows for a year, as the `itr.employment-income` rule asks for them: the session's PIN. */
export function employmentCall(session: Session, year: string): ItaxCall {
  return {
    ruleId: "itr.employment-income", method: "GET", path: "/tax-return/itr-employment-details",
    query: { employee_pin: session.record.pin!, return_year: year, tax_code: "2" },
  };
}

/**
 * The held JSON answer (a business refusal included), forwarded by the runtime as the proxy's own calls are
 * (credentials from proxy/credentials.ts, the answer judged by proxy/answer.ts); a failure is the proxy's
 * (failUpstreamCall: an upstream 401 ends the session).
 */
export async function askItax(event: H3Event, session: Session, call: ItaxCall): Promise<HeldAnswer> {
  const { config } = useGateway();
  const base = config.upstream.itax;
  const search = call.query ? `?${new URLSearchParams(call.query)}` : "";
  const headers = upstreamHeaders(event, session, config, call.body !== undefined);
  delete headers["if-none-match"]; // the use case reads every answer whole
  const request: UpstreamRequest = {
    ruleId: call.ruleId, method: call.method, origin: base.origin, path: `${base.path}${call.path}${search}`, headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeoutMs: call.timeoutMs ?? config.upstream.timeoutMs, maxResponseBytes: config.upstream.maxResponseBytes,
    responds: "json", judge: judgeAnswer,
  };
  const started = performance.now();
  const answer = await forwardUpstream(event, request).catch((failure: unknown) => {
    recordUpstream(call.ruleId, started, failure);
    return failUpstreamCall(event, session, failure);
  });
  recordUpstream(call.ruleId, started);
  // A conditional answer (304) or a streamed one is not something these calls can read.
  if (!answer || answer instanceof Response || answer.status === 304) throw gatewayError("upstream_error");
  return answer;
}

import type { H3Event } from "h3";
import { forwardUpstream } from "#gateway-runtime";
import type { HeldAnswer, UpstreamRequest } from "../runtime/contract";
import { gatewayError, upstreamError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { recordUpstream } from "../utils/metrics";
import { upstreamHeaders } from "../utils/proxy-request";
import { endSession, type Session } from "../utils/session";

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

/** The held JSON answer (a business refusal included); the upstream's own failures as the proxy answers them. */
export async function askItax(event: H3Event, session: Session, call: ItaxCall): Promise<HeldAnswer> {
  const { config } = useGateway();
  const base = config.upstream.itax;
  const search = call.query ? `?${new URLSearchParams(call.query)}` : "";
  const headers = upstreamHeaders(event, session, config, call.body !== undefined);
  delete headers["if-none-match"]; // the use case reads every answer whole
  const request: UpstreamRequest = {
    ruleId: call.ruleId, method: call.method, origin: base.origin, path: `${base.path}${call.path}${search}`,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeoutMs: call.timeoutMs ?? config.upstream.timeoutMs, maxResponseBytes: config.upstream.maxResponseBytes, responds: "json",
  };
  const started = performance.now();
  let answer: Awaited<ReturnType<typeof forwardUpstream>>;
  try {
    answer = await forwardUpstream(event, request);
  } catch (failure) {
    recordUpstream(call.ruleId, started, failure);
    const error = upstreamError(failure);
    if (error.data?.code === "session_expired") await endSession(event, session); // an upstream 401
    throw error;
  }
  recordUpstream(call.ruleId, started);
  // A conditional answer (304) or a streamed one is not something these calls can read.
  if (!answer || answer instanceof Response || answer.status === 304) throw gatewayError("upstream_error");
  return answer;
}

const decoder = new TextDecoder();

export function parseAnswer(answer: HeldAnswer): unknown {
  try {
    return JSON.parse(typeof answer.body === "string" ? answer.body : decoder.decode(answer.body));
  } catch {
    return undefined;
  }
}

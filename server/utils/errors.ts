import { createError, isError, type H3Error } from "h3";
import { RuntimeFailure, type FailureKind } from "../runtime/contract";
import { ERROR_CATALOG, isErrorCode, type ErrorCode } from "../shared/error-codes";

export interface GatewayErrorData {
  code: ErrorCode;
  fields?: { path: string; message: string }[];
  retryAfter?: number;
  allow?: string;
  closeConnection?: boolean;
  /** An identity call that provably never reached the service (RuntimeFailure.unsent); never sent to the browser. */
  unsent?: boolean;
  /** A refusal the upstream stated in a JSON 4xx: it did nothing, so a reserved budget may be given back; never sent to the browser. */
  clear?: boolean;
}

/** Every refusal goes through here: a known code, a fixed status and generic text. */
export function gatewayError(code: ErrorCode, extra: Omit<GatewayErrorData, "code"> = {}): H3Error<GatewayErrorData> {
  const entry = ERROR_CATALOG[code];
  return createError<GatewayErrorData>({ statusCode: entry.status, message: entry.en, data: { code, ...extra } });
}

// The one place a runtime's neutral failure (server/runtime/contract.ts) becomes a gateway error.
const UPSTREAM_FAILURES: Record<FailureKind, ErrorCode> = {
  timeout: "upstream_timeout",
  unavailable: "upstream_unavailable",
  too_large: "upstream_error",
  bad_answer: "upstream_error",
  unauthorized: "session_expired",
  misconfigured: "service_unavailable",
};

/** What a failed upstream call answers (an upstream 401 is `session_expired`; server/proxy/answer.ts failUpstreamCall ends the session first). */
export function upstreamError(failure: unknown): H3Error<GatewayErrorData> {
  if (isError<GatewayErrorData>(failure) && isErrorCode(failure.data?.code)) return failure;
  return gatewayError(UPSTREAM_FAILURES[failure instanceof RuntimeFailure ? failure.kind : "unavailable"]);
}

/** What a failed identity call answers: a timeout, or the service is unavailable (whatever else went wrong). */
export function identityError(failure: unknown): H3Error<GatewayErrorData> {
  if (!(failure instanceof RuntimeFailure)) return gatewayError("identity_unavailable");
  if (failure.kind === "timeout") return gatewayError("identity_timeout");
  return gatewayError("identity_unavailable", failure.unsent ? { unsent: true } : {});
}

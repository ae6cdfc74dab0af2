import { createError, type H3Error } from "h3";
import { ERROR_CATALOG, isErrorCode, type ErrorCode } from "../shared/error-codes";

export interface GatewayErrorData {
  code: ErrorCode;
  fields?: { path: string; message: string }[];
  retryAfter?: number;
  allow?: string;
  closeConnection?: boolean;
}

/** Every refusal goes through here: a known code, a fixed status and generic text. */
export function gatewayError(code: ErrorCode, extra: Omit<GatewayErrorData, "code"> = {}): H3Error<GatewayErrorData> {
  const entry = ERROR_CATALOG[code];
  return createError<GatewayErrorData>({ statusCode: entry.status, message: entry.en, data: { code, ...extra } });
}

/** Maps any thrown value to the error data the response is shaped from. */
export function toGatewayErrorData(error: H3Error): GatewayErrorData {
  const data = error.data as Partial<GatewayErrorData> | undefined;
  if (data && isErrorCode(data.code)) return data as GatewayErrorData;
  if (error.statusCode === 404) return { code: "not_found" };
  if (error.statusCode === 405) return { code: "method_not_allowed" };
  if (error.statusCode === 413) return { code: "payload_too_large", closeConnection: true };
  if (error.statusCode === 400) return { code: "bad_request" };
  return { code: "internal_error" };
}

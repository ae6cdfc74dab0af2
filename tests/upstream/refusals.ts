import { withInternals } from "./internals";
import { jsonReply, type Reply } from "./reply";
import type { ErrorForm } from "./types";

/** HTTP status of a business refusal unless a rule says otherwise (UPSTREAM.md §1: 422). */
export const REFUSAL_STATUS = 422;

/** A refusal whose text sits where `form` says, with the tax API's internal fields. */
export function refusal(form: ErrorForm, text: string, status = REFUSAL_STATUS): Reply {
  return jsonReply(status, withInternals(refusalBody(form, text)));
}

function refusalBody(form: ErrorForm, text: string): object {
  switch (form) {
    case "ErrorCode": return { ErrorCode: text, Status: "NOK" };
    case "Message": return { Message: text, Status: "NOK" };
    case "message": return { message: text };
    case "errors.detail": return { errors: { detail: text } };
  }
}

export interface ForcedRefusal {
  error?: ErrorForm;
  message?: string;
  status?: number;
}

/** The refusal a rule forces, or undefined when the rule only picks a success form. */
export function forcedRefusal(rule: ForcedRefusal | undefined): Reply | undefined {
  if (!rule?.error) return undefined;
  return refusal(rule.error, rule.message ?? "Request could not be processed", rule.status);
}

export const NOT_REGISTERED_FOR_OBLIGATION = "Invalid Obligation user not Registered for Obligation";
export const INVALID_PIN = "Invalid PIN Number";

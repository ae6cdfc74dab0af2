import { z, type ZodType } from "zod";
import { upstreamText } from "../../shared/upstream-text";
/**
 * What a rule's answer may carry to the browser. A JSON policy is a zod schema
 * of exactly the fields the UI reads: z.object drops every other key (internal
 * notes, tokens, other taxpayers' numbers), at every depth. A document streams
 * untouched. No other taxpayer's data reaches the browser unless listed here.
 */
export type ResponsePolicy =
  /** `errors`: the shape of a 4xx answer, when not the eTIMS one (businessErrorAnswer). */
  | { kind: "json"; schema: ZodType; errors?: ZodType }
  | { kind: "document" };

export const PDF_DOCUMENT: ResponsePolicy = { kind: "document" };

/** Business errors (4xx JSON): only the numeric code and the message, whatever else the upstream adds. */
export const businessErrorAnswer = z.object({ code: z.number().int(), message: upstreamText().optional() });

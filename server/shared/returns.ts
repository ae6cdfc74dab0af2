// The returns and payments readers on the server (README: Upstream API, returns and payments): the reading of
// returns-read.ts, over each answer as its zod schema keeps it (server/shared/returns-answers.ts, the same the
// proxy applies as the rule's response policy: texts filtered, codes as strings), so an answer read here straight
// from the upstream is held to the policy too. An answer its schema refuses reads as empty: no success form, no text.
// Pages import returns-read.ts instead: their answers passed that policy already, and zod stays off the phone.
import type { z, ZodType } from "zod";
import {
  fileReturnBody, fillingPeriodBody, liabilitiesBody, obligationsBody, paymentBody, prnBody, propertiesBody, returnsRefusalBody,
} from "./returns-answers";
import { returnsReaders } from "./returns-read";

// The obligation ids are in obligations.ts, which a page can import without any reader.
export { AHL, ITR, KNOWN_OBLIGATIONS, MRI, NIL_OBLIGATIONS, NITA, TOT, VAT } from "./obligations";
export { num, prnDate, str } from "./returns-read";
export type { Filing, FilingSuccessForm, Liability, Obligation, Outcome, Period, Property } from "./returns-read";

/** The answer as its schema keeps it (texts filtered, codes as strings), or nothing when the schema refuses it. */
export function parseWith<S extends ZodType>(schema: S, answer: unknown): Partial<z.output<S>> {
  const parsed = schema.safeParse(answer);
  return parsed.success ? (parsed.data as z.output<S>) : {};
}

export const {
  refusalText, filingSuccessForm, readFiling, readCalculation, readObligations, readPeriod, readLiabilities, readProperties, readPrn, readPayment,
} = returnsReaders({
  refusal: (answer) => parseWith(returnsRefusalBody, answer),
  obligations: (answer) => {
    const parsed = obligationsBody.safeParse(answer);
    return parsed.success ? parsed.data : undefined;
  },
  fillingPeriod: (answer) => parseWith(fillingPeriodBody, answer),
  fileReturn: (answer) => parseWith(fileReturnBody, answer),
  liabilities: (answer) => parseWith(liabilitiesBody, answer),
  properties: (answer) => parseWith(propertiesBody, answer),
  prn: (answer) => parseWith(prnBody, answer),
  payment: (answer) => parseWith(paymentBody, answer),
});

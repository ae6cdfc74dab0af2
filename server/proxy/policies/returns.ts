import type { ZodType } from "zod";
import { obligationsBody, fileReturnBody, fillingPeriodBody, liabilitiesBody, paymentBody, prnBody, propertiesBody, returnsRefusalBody } from "../../shared/returns-answers";
import type { ResponsePolicy } from "./policy";

// Returns and payments: the answers' schemas live in server/shared/returns-answers.ts, where the UI's
// readers (server/shared/returns.ts) parse with the same ones; a refusal (4xx) has the refusal fields only.
export const returnsJson = (schema: ZodType): ResponsePolicy =>
  ({ kind: "json", schema, errors: returnsRefusalBody });

export const obligationsAnswer = returnsJson(obligationsBody);
export const fillingPeriodAnswer = returnsJson(fillingPeriodBody);
export const fileReturnAnswer = returnsJson(fileReturnBody);
export const liabilitiesAnswer = returnsJson(liabilitiesBody);
export const propertiesAnswer = returnsJson(propertiesBody);
export const prnAnswer = returnsJson(prnBody);
export const paymentAnswer = returnsJson(paymentBody);

import { employmentBody, itrCreatedAnswer, itrFiledAnswer, itrPeriodBody, limitsBody, summaryBody } from "../../shared/itr-answers";
import { returnsJson } from "./returns";

// The ITR rules' response policies (issue 23): the answers' schemas live in server/shared/itr-answers.ts,
// where the readers (server/shared/itr.ts) parse with the same ones; a refusal has the returns refusal fields only.
export const itrPeriodAnswer = returnsJson(itrPeriodBody);
export const employmentAnswer = returnsJson(employmentBody);
export const summaryAnswer = returnsJson(summaryBody);
export const limitsAnswer = returnsJson(limitsBody);
export const createdPolicy = returnsJson(itrCreatedAnswer);
export const filedPolicy = returnsJson(itrFiledAnswer);

// Problems in words: the gateway's error catalogue (both languages) and KRA's sentences. Loaded when a
// problem is first described (components/Alert.tsx), not with a page's first scripts (issue 22's budgets).
import { ERROR_CATALOG, isErrorCode } from "../../server/shared/error-codes";
import type { Language } from "../../server/shared/language";
import { hasMessage, type MessageKey, type Translate } from "../i18n";
import type { ApiProblem } from "./gateway-api";
import { explainKraRefusal } from "./kra-words";

const KNOWN_BUSINESS_CODES = new Set([4, 10, 11, 13, 15, 19]);

/** One sentence for any problem, in the current language. */
export function describeProblem(problem: ApiProblem, t: Translate, language: Language): string {
  if (problem.kind === "network") return t("error.network");
  if (problem.kind === "gateway" && problem.code === "rate_limited" && problem.retryAfter && hasMessage("error.waitFor")) return t("error.waitFor", { wait: waitText(problem.retryAfter, t) });
  if (problem.kind === "gateway") return isErrorCode(problem.code) ? ERROR_CATALOG[problem.code][language] : ERROR_CATALOG.internal_error[language];
  if (problem.code !== undefined && KNOWN_BUSINESS_CODES.has(problem.code)) return t(`biz.${problem.code}` as MessageKey);
  return explainKraRefusal(t, problem.message);
}

/** "45 seconds", "3 minutes", "2 hours" in the page's language. */
export function waitText(seconds: number, t: Translate): string {
  if (seconds < 90) return t("wait.seconds", { n: seconds });
  if (seconds < 90 * 60) return t("wait.minutes", { n: Math.ceil(seconds / 60) });
  return t("wait.hours", { n: Math.ceil(seconds / 3600) });
}

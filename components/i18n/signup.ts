import type { ApiProblem } from "../lib/gateway-api";
import { useCatalogText, type CatalogTranslate } from "./catalog";
import { signupEn, type SignupKey } from "./signup-en";
import { signupSw } from "./signup-sw";

export type { SignupKey };

/** The sign-up and PIN pages' text (components/i18n/signup-*.ts) over the app's own. */
export const useSignupText = () => useCatalogText<SignupKey>({ en: signupEn, sw: signupSw });

/** The ID and year-of-birth forms (sign-up, PIN retrieval) ask no name: their mismatch names only what they ask. */
export function sayWithoutName(t: CatalogTranslate<SignupKey>, problem: ApiProblem): string | undefined {
  return problem.kind === "gateway" && problem.code === "identity_mismatch" ? t("signup.mismatch") : undefined;
}

import { useCatalogText } from "./catalog";
import { signupEn, type SignupKey } from "./signup-en";
import { signupSw } from "./signup-sw";

export type { SignupKey };

/** The sign-up and PIN pages' text (components/i18n/signup-*.ts) over the app's own. */
export const useSignupText = () => useCatalogText<SignupKey>({ en: signupEn, sw: signupSw });

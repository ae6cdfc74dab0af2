import { useSignupText } from "./i18n/signup";
import { Field } from "./Field";

/** National ID and year of birth: the two facts every sign-up and PIN journey checks against id-lookup. */
export function IdentityFields() {
  const t = useSignupText();
  return (
    <>
      <Field id="id_number" name="id_number" label={t("signup.idNumber")} hint={t("signup.idHint")} required
        inputmode="numeric" pattern="[0-9]{6,9}" minLength={6} maxLength={9} autocomplete="off" />
      <Field id="yob" name="yob" label={t("signup.yob")} hint={t("signup.yobHint")} required
        inputmode="numeric" pattern="(19|20)[0-9]{2}" minLength={4} maxLength={4} autocomplete="bday-year" />
    </>
  );
}

import { useI18n } from "./i18n";

/** A plain form post: works before JavaScript arrives; the server clears the cookie and sends the session-ended page. */
export function SignOut() {
  const { t } = useI18n();
  return (
    <form method="post" action="/session/logout">
      <button class="btn secondary" type="submit">{t("common.signOut")}</button>
    </form>
  );
}

import { useLocation } from "@solidjs/router";
import { For } from "solid-js";
import { LANGUAGES } from "../server/shared/language";
import { useI18n } from "./i18n";

/**
 * A plain form post to POST /language, so a tap works before the page's script arrives (or without
 * it): the server remembers the choice and sends the page back. Once hydrated, the tap switches in
 * place instead, keeping whatever was typed on the page.
 */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  return (
    <form method="post" action="/language">
      <input type="hidden" name="back" value={location.pathname + location.search} />
      <div class="langs" role="group" aria-label={t("lang.label")}>
        <For each={LANGUAGES}>
          {(code) => (
            <button
              type="submit" name="lang" value={code} lang={code} aria-pressed={language() === code}
              onClick={(event) => {
                event.preventDefault();
                setLanguage(code);
              }}
            >
              {t(`lang.${code}`)}
            </button>
          )}
        </For>
      </div>
    </form>
  );
}

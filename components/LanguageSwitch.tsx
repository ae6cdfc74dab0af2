import { For } from "solid-js";
import { LANGUAGES } from "../server/shared/language";
import { useI18n } from "./i18n";

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div class="langs" role="group" aria-label={t("lang.label")}>
      <For each={LANGUAGES}>
        {(code) => (
          <button type="button" lang={code} aria-pressed={language() === code} onClick={() => setLanguage(code)}>
            {t(`lang.${code}`)}
          </button>
        )}
      </For>
    </div>
  );
}

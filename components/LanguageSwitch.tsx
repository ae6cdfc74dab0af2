import { For } from "solid-js";
import { useI18n, type Language } from "./i18n";

const LANGUAGES: Language[] = ["en", "sw"];

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

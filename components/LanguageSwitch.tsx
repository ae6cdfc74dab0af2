import { useLocation } from "@solidjs/router";
import { For } from "solid-js";
import { LANGUAGES, type Language } from "../server/shared/language";
import { useI18n } from "./i18n";

// One call after another, so the server keeps the last tap even when two are quick.
let told: Promise<unknown> = Promise.resolve();

/**
 * The server learns the choice too (the number's WhatsApp Flows follow a signed-in taxpayer's switch); the page
 * does not wait, nor say anything if it fails. A plain fetch, not lib/gateway-api's callGateway: this file is in
 * every page's first chunk (app.config.ts), and importing the "signed-in" chunk from it is an import loop.
 */
function tellServer(lang: Language): void {
  const request = { method: "POST", credentials: "same-origin", headers: { accept: "application/json", "content-type": "application/json" } } as const;
  told = told.then(() => fetch("/language", { ...request, body: JSON.stringify({ lang }) })).catch(() => undefined);
}

/**
 * A plain form post to POST /language, so a tap works before the page's script arrives (or without
 * it): the server remembers the choice and sends the page back. Once hydrated, the tap switches in
 * place instead, keeping whatever was typed on the page, and tells the server in the background.
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
                tellServer(code);
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

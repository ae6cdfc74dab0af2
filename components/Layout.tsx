import type { JSX } from "solid-js";
import { Title } from "@solidjs/meta";
import { useI18n, type MessageKey } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";

/** Every page: header with the language switch, one main landmark, a title in the current language. */
export function Layout(props: { title: MessageKey; children: JSX.Element }) {
  const { t } = useI18n();
  return (
    <>
      <Title>{`${t(props.title)} · ${t("app.title")}`}</Title>
      <a class="skip" href="#main">{t("app.skip")}</a>
      <header class="bar">
        <h1>{t("app.title")}</h1>
        <LanguageSwitch />
      </header>
      <main id="main" tabindex="-1">
        <h2>{t(props.title)}</h2>
        {props.children}
      </main>
    </>
  );
}

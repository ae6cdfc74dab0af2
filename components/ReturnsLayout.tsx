import type { JSX } from "solid-js";
import { Title } from "@solidjs/meta";
import { useReturnsText, type ReturnsKey } from "./i18n/returns";
import { LanguageSwitch } from "./LanguageSwitch";

/** Layout.tsx for the returns pages, whose titles live in their own catalogue. */
export function ReturnsLayout(props: { title: ReturnsKey; children: JSX.Element }) {
  const t = useReturnsText();
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

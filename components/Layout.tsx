import type { JSX } from "solid-js";
import { Title } from "@solidjs/meta";
import { useI18n, type MessageKey } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";

/** Every page: header with the language switch, one main landmark, a title in the current language. */
export function Layout(props: { title: MessageKey; children: JSX.Element }) {
  const { t } = useI18n();
  return <PageFrame heading={t(props.title)}>{props.children}</PageFrame>;
}

/** The frame itself, for pages whose title comes from another catalogue (the returns pages). */
export function PageFrame(props: { heading: string; children: JSX.Element }) {
  const { t } = useI18n();
  return (
    <>
      <Title>{`${props.heading} · ${t("app.title")}`}</Title>
      <a class="skip" href="#main">{t("app.skip")}</a>
      <header class="bar">
        <h1>{t("app.title")}</h1>
        <LanguageSwitch />
      </header>
      <main id="main" tabindex="-1">
        <h2>{props.heading}</h2>
        {props.children}
      </main>
    </>
  );
}

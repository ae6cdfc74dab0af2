import type { JSX } from "solid-js";
import { useCheckersText, type CheckersKey } from "./i18n/checkers";
import { PageFrame } from "./Layout";

/** Layout.tsx for the checkers and TCC pages, whose titles live in their own catalogue. */
export function CheckersLayout(props: { title: CheckersKey; children: JSX.Element }) {
  const t = useCheckersText();
  return <PageFrame heading={t(props.title)}>{props.children}</PageFrame>;
}

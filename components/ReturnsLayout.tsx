import type { JSX } from "solid-js";
import { useReturnsText, type ReturnsKey } from "./i18n/returns";
import { PageFrame } from "./Layout";

/** Layout.tsx for the returns pages, whose titles live in their own catalogue. */
export function ReturnsLayout(props: { title: ReturnsKey; children: JSX.Element }) {
  const t = useReturnsText();
  return <PageFrame heading={t(props.title)}>{props.children}</PageFrame>;
}

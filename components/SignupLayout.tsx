import type { JSX } from "solid-js";
import { useSignupText, type SignupKey } from "./i18n/signup";
import { PageFrame } from "./Layout";

/** Layout.tsx for the sign-up and PIN pages, whose titles live in their own catalogue. */
export function SignupLayout(props: { title: SignupKey; children: JSX.Element }) {
  const t = useSignupText();
  return <PageFrame heading={t(props.title)}>{props.children}</PageFrame>;
}

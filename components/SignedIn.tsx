import { createAsync } from "@solidjs/router";
import { Show, type JSX } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import { loadActiveSession } from "./lib/session";

/** Renders its children only for an active session; otherwise the loader redirects (OTP or session ended). */
export function SignedIn(props: { children: (session: SessionView) => JSX.Element }) {
  const session = createAsync(() => loadActiveSession());
  return <Show when={session()}>{(view) => props.children(view())}</Show>;
}

import { createAsync, query, redirect } from "@solidjs/router";
import { Show, type JSX } from "solid-js";
import type { SessionView } from "../server/shared/session-view";
import { fetchSession } from "./lib/session";

/**
 * The sign-up pages: only for a phone the OTP proved that is not on eTIMS (PIN retrieval also for
 * an active session); anyone else goes where they belong.
 */
const loadVerifiedSession = query(async (allowActive: boolean) => {
  const session = await fetchSession();
  if (!session) throw redirect("/session-ended?reason=session_required");
  if (session.state === "pending_otp") throw redirect("/otp");
  if (session.state !== "phone_verified" && !(allowActive && session.state === "active")) throw redirect("/");
  return session;
}, "verified-session");

export function PhoneVerified(props: { allowActive?: boolean; children: (session: SessionView) => JSX.Element }) {
  const session = createAsync(() => loadVerifiedSession(props.allowActive === true));
  return <Show when={session()}>{(view) => props.children(view())}</Show>;
}

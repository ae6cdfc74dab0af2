import { query, redirect } from "@solidjs/router";
import { getRequestEvent, isServer } from "solid-js/web";
import type { SessionView } from "../../server/shared/session-view";

/**
 * GET /session: on the server through the gateway's own app in-process (Nitro's
 * local fetch, with the browser's cookie), in the browser with fetch.
 */
export async function fetchSession(): Promise<SessionView | null> {
  const headers: Record<string, string> = { accept: "application/json" };
  let response: Response;
  if (isServer) {
    const event = getRequestEvent()!;
    headers.cookie = event.request.headers.get("cookie") ?? "";
    const local = (event.nativeEvent as unknown as { fetch(path: string, init: RequestInit): Promise<Response> }).fetch;
    response = await local("/session", { headers });
  } else {
    response = await fetch("/session", { headers, credentials: "same-origin" });
  }
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`session ${response.status}`);
  return (await response.json()) as SessionView;
}

export const loadSession = query(fetchSession, "session");

/** The active session's view this page was shown (the home page's), in the browser only: never shared between requests. */
let shown: SessionView | undefined;

/** Keeps the home page's view, so the page opened from it need not ask GET /session first (issue 22: one round trip less). */
export function rememberActiveSession(view: SessionView): void {
  if (!isServer && view.state === "active") shown = view;
}

/**
 * The remembered view while it has not expired. It decides only what the page shows: every call the page
 * then makes is checked by the gateway, and a session ended meanwhile answers 401 (the session-ended page).
 */
function shownActiveSession(): SessionView | undefined {
  return !isServer && shown && Date.parse(shown.expiresAt) > Date.now() ? shown : undefined;
}

/** For pages behind sign-in: the active session, or a redirect to where the user belongs. */
export const loadActiveSession = query(async () => {
  const session = shownActiveSession() ?? (await fetchSession());
  if (!session) throw redirect("/session-ended?reason=session_required");
  if (session.state === "pending_otp") throw redirect("/otp");
  if (session.state !== "active") throw redirect("/"); // phone_verified: the sign-up services
  return session;
}, "active-session");

import type { H3Event } from "h3";
import { gatewayError } from "./errors";
import { getSession } from "./session";

/**
 * Login CSRF: a hostile page can send a signed-in browser to another taxpayer's
 * valid link. A live session for the same number goes straight on (no new
 * entry, nonce left unused); one for another number is replaced only when the
 * landing page's confirmation sent `switch=1`, else 409 `session_conflict`.
 * Returns where to send the browser, or null to go on with a fresh entry.
 */
export async function continueLiveSession(event: H3Event, msisdn: string, confirmed: boolean): Promise<string | null> {
  const live = await getSession(event);
  if (!live) return null;
  if (live.record.msisdn === msisdn) return live.record.state === "active" ? "/" : "/otp";
  if (!confirmed) throw gatewayError("session_conflict");
  return null;
}

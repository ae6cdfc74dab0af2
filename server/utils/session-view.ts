import { maskMsisdn } from "../shared/mask";
import type { SessionView } from "../shared/session-view";
import type { GatewayConfig } from "./config";
import { sessionExpiresAt, type Session } from "./session";

/** All the browser may learn about its session. The name only once the OTP has proved the phone. */
export function toSessionView(session: Session, config: GatewayConfig): SessionView {
  return {
    msisdn: maskMsisdn(session.record.msisdn),
    name: session.record.state === "active" ? session.record.name ?? null : null,
    expiresAt: new Date(sessionExpiresAt(session.record, config)).toISOString(),
    state: session.record.state,
    hasPin: session.record.state === "active" && Boolean(session.record.pin),
  };
}

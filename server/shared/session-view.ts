import { maskMsisdn } from "./mask";

/** `GET /session`: the only facts about a session the browser ever receives. */
export interface SessionView {
  msisdn: string; // masked: 2547******78
  name: string | null;
  expiresAt: string; // ISO 8601
  state: "pending_otp" | "active";
  /** Whether the server holds a KRA PIN for this taxpayer (the PIN itself never leaves the server). */
  hasPin: boolean;
  /** Whether "Send to my WhatsApp" is on (NITRO_WHATSAPP_*): the UI shows the button only then. */
  whatsapp: boolean;
}

interface ViewedRecord { msisdn: string; name?: string; pin?: string; state: SessionView["state"] }

/** All the browser may learn about its session. The name only once the OTP has proved the phone. */
export function toSessionView(record: ViewedRecord, expiresAt: number, features = { whatsapp: false }): SessionView {
  return {
    msisdn: maskMsisdn(record.msisdn),
    name: record.state === "active" ? record.name ?? null : null,
    expiresAt: new Date(expiresAt).toISOString(),
    state: record.state,
    hasPin: record.state === "active" && Boolean(record.pin),
    whatsapp: record.state === "active" && features.whatsapp,
  };
}

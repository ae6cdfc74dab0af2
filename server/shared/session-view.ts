import { maskMsisdn } from "./mask";
import type { ServiceName } from "./services";

/** `GET /session`: the only facts about a session the browser ever receives. */
export interface SessionView {
  msisdn: string; // masked: 2547******78
  name: string | null;
  expiresAt: string; // ISO 8601
  /** `phone_verified`: the phone is proved but not on eTIMS: only sign-up, PIN services and help. */
  state: "pending_otp" | "active" | "phone_verified";
  /** Whether the server holds a KRA PIN for this taxpayer (the PIN itself never leaves the server). */
  hasPin: boolean;
  /** Services operators paused: their pages say so, home marks them unavailable. */
  paused: ServiceName[];
  /** Whether "Send to my WhatsApp" is on (NITRO_WHATSAPP_*): the UI shows the button only then. */
  whatsapp: boolean;
  /** Meta reported the latest "send to my WhatsApp" message undelivered (its webhook): the page says to tap the chat's latest link. */
  whatsappUndelivered: boolean;
}

interface ViewedRecord { msisdn: string; name?: string; pin?: string; state: SessionView["state"]; sent?: { failed?: number }[] }

/** What the server offers now: the services operators paused, and whether "send to my WhatsApp" is on. */
export interface SessionFeatures { paused?: readonly ServiceName[]; whatsapp?: boolean }

/** All the browser may learn about its session. The name only once the OTP has proved the phone. */
export function toSessionView(record: ViewedRecord, expiresAt: number, features: SessionFeatures = {}): SessionView {
  return {
    msisdn: maskMsisdn(record.msisdn),
    name: record.state === "active" ? record.name ?? null : null,
    expiresAt: new Date(expiresAt).toISOString(),
    state: record.state,
    hasPin: record.state === "active" && Boolean(record.pin),
    paused: [...(features.paused ?? [])],
    whatsapp: record.state === "active" && features.whatsapp === true && !features.paused?.includes("whatsapp"),
    whatsappUndelivered: record.state === "active" && record.sent?.at(-1)?.failed !== undefined,
  };
}

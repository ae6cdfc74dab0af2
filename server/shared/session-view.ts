/** `GET /session`: the only facts about a session the browser ever receives. */
export interface SessionView {
  msisdn: string; // masked: 2547******78
  name: string | null;
  expiresAt: string; // ISO 8601
  state: "pending_otp" | "active";
  /** Whether the server holds a KRA PIN for this taxpayer (the PIN itself never leaves the server). */
  hasPin: boolean;
}

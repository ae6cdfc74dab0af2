// Shared with the UI: the services operators can pause (NITRO_PAUSED_SERVICES, POST /admin/services).
// Every proxy rule belongs to one; "whatsapp" is the send-to-WhatsApp route's, "pin" covers /session/pin/*
// (PIN retrieval and registration), and eTIMS sign-up belongs to "etims".
export const SERVICE_NAMES = ["etims", "returns", "payments", "checkers", "whatsapp", "pin", "flows"] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return typeof value === "string" && (SERVICE_NAMES as readonly string[]).includes(value);
}

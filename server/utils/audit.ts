import type { H3Event } from "h3";
import { maskMsisdn } from "../shared/mask";
import { getClientIp } from "./client-address";
import { hashIdNumber, hashSubject } from "./crypto";
import { useGateway } from "./gateway";
import { writeLog } from "./log";
import { countOtpCheck, countRateLimited, countSessionCreated } from "./metrics";

/** Every security event the audit trail records (README: Operators, Audit trail). */
export type AuditType =
  | "entry.accepted" | "entry.refused"
  | "otp.sent" | "otp.right" | "otp.wrong"
  | "session.created" | "session.rotated" | "session.ended" | "session.revoked"
  | "rate_limit.hit" | "service.paused" | "service.resumed" | "admin.call" | "flow.signed_in" | "flow.refused"
  | IdentityAuditType;

/** Identity disclosures (README: "Audit trail"): each line also carries `idSubject`, the HMAC of the canonical ID. */
export type IdentityAuditType =
  | "identity.mismatch" | "identity.locked" | "pin.shown" | "pin.not_found" | "pin.registered"
  | "etims.enrolled" | "registration.refused";

/** Codes, names and counts only: never a token, OTP, ID, cookie or number. */
type AuditDetails = Record<string, string | number | undefined>;

/** Who and where, for a call that is not a public request (the admin listener). */
export interface AuditOrigin { requestId?: string; client?: string; msisdn?: string }

/**
 * One `"type":"audit"` line in the log stream, with the masked number and an
 * HMAC of it (one person's trail, followed without the number), the request id
 * and the client address; the matching metric is counted here too.
 */
export async function recordAudit(event: H3Event, type: AuditType, details: AuditDetails = {}, msisdn?: string): Promise<void> {
  const origin = {
    requestId: event.context.requestId as string | undefined,
    client: getClientIp(event, useGateway().config.trustProxyHops),
    msisdn: msisdn ?? (event.context.msisdn as string | undefined),
  };
  await writeAudit(origin, type, details);
}

/**
 * An identity event about one national ID: the usual line (masked number, its HMAC, request id, client)
 * plus `idSubject`, the ID's HMAC under its own key. Never the ID, a PIN, a name or an email.
 */
export async function recordIdentityAudit(
  event: H3Event, type: IdentityAuditType, idNumber: string, details: AuditDetails = {},
): Promise<void> {
  const idSubject = await hashIdNumber(useGateway().config.session.encryptionKeys, idNumber);
  await recordAudit(event, type, { ...details, idSubject });
}

export async function writeAudit(origin: AuditOrigin, type: AuditType, details: AuditDetails = {}): Promise<void> {
  countEvent(type, details);
  const { msisdn } = origin;
  const subject = msisdn ? await hashSubject(useGateway().config.session.encryptionKeys, `audit\n${msisdn}`) : undefined;
  writeLog({
    level: "info", type: "audit", event: type, ...details,
    msisdn: msisdn ? maskMsisdn(msisdn) : undefined, subject, requestId: origin.requestId, client: origin.client,
  });
}

function countEvent(type: AuditType, details: AuditDetails): void {
  if (type === "session.created") countSessionCreated(String(details.mode));
  else if (type === "otp.right") countOtpCheck("right");
  else if (type === "otp.wrong") countOtpCheck("wrong");
  else if (type === "rate_limit.hit") countRateLimited(String(details.limit));
}

import type { H3Event } from "h3";
import { z } from "zod";
import { recordAudit } from "../utils/audit";
import { readValidatedBody } from "../utils/body";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { checkRegistration, sendOtp, tokenExpiry, type IdentityInit } from "../utils/identity";
import { getClientNetwork } from "../utils/client-address";
import { enforceRateLimit } from "../utils/rate-limit";
import { maskMsisdn } from "../shared/mask";
import type { SwitchQuestion } from "../utils/entry-switch";
import { wantsJson } from "../utils/respond";
import { createSession, endCurrentSession, getSession } from "../utils/session";
import { LINK_CLOCK_SKEW_SECONDS, verifyLink, type SignedLinkFields } from "../utils/signed-link";

const ENTRY_BODY_MAX_BYTES = 2048;

const entryFields = z.object({
  phone: z.string().max(32),
  exp: z.string().max(16).optional(),
  nonce: z.string().max(80).optional(),
  sig: z.string().max(64).optional(),
  // Sent only by the landing page's "Continue as …?" button: replacing a live session for another number.
  switch: z.literal("1").optional(),
  // Set by the landing page's script, empty without JavaScript: whether the OTP page may come as the answer (new-session-page.ts).
  js: z.enum(["", "1"]).optional(),
});
type EntryFields = z.infer<typeof entryFields>;

export async function readEntryFields(event: H3Event): Promise<EntryFields> {
  return readValidatedBody(event, entryFields, { maxBytes: ENTRY_BODY_MAX_BYTES, refusal: "invalid_link" });
}

export async function enterWithLink(event: H3Event, fields: EntryFields): Promise<EntryOutcome> {
  const { config } = useGateway();
  await enforceRateLimit(event, "entryIp", getClientNetwork(event, config.trustProxyHops));
  // libphonenumber-js's metadata loads on the first entry, not at start.
  const { normalizeMsisdn } = await import("../shared/msisdn");
  const msisdn = normalizeMsisdn(fields.phone);
  if (!msisdn) throw gatewayError("invalid_phone");
  const nonce = await checkLink(fields);
  event.context.msisdn = msisdn;
  const live = await continueLiveSession(event, msisdn, fields);
  if (live) return live;
  await enforceRateLimit(event, "entryMsisdn", msisdn);
  if (nonce && !(await useGateway().store.claimNonce(nonce.value, nonce.ttlSeconds))) throw gatewayError("link_used");
  await endCurrentSession(event, "replaced", { clearCookie: false });
  try {
    return { location: config.identity.mode === "direct" ? await enterDirect(event, msisdn) : await enterWithOtp(event, msisdn) };
  } catch (error) {
    if (nonce && isServiceFailure(error)) await useGateway().store.releaseNonce(nonce.value);
    throw error;
  }
}

/** Where the browser goes next, or, for a live session of another number, the question to ask. */
export type EntryOutcome = { location: string } | { ask: SwitchQuestion };

/** Entry accepted, or refused (a question asked counts as refused: nothing changed) with its reason code, on the audit trail. */
export async function auditEntry(event: H3Event, enter: () => Promise<EntryOutcome>): Promise<EntryOutcome> {
  try {
    const outcome = await enter();
    if ("ask" in outcome) await recordAudit(event, "entry.refused", { reason: "session_conflict" });
    else await recordAudit(event, "entry.accepted");
    return outcome;
  } catch (error) {
    const reason = (error as { data?: { code?: string } }).data?.code ?? "internal_error";
    await recordAudit(event, "entry.refused", { reason });
    throw error;
  }
}

/**
 * Login CSRF: a hostile page can send a signed-in browser to another taxpayer's
 * valid link. The landing page's same-origin POST carries the Strict cookie, so the
 * decision is made here. A live session for the same number goes straight on (no new
 * entry, nonce left unused); one for another number is replaced only when the
 * "Continue as …?" page sent `switch=1`; until then a browser gets that page (409) and
 * a script 409 `session_conflict`, and nothing changes.
 * Returns where to go or what to ask, or null to go on with a fresh entry.
 */
async function continueLiveSession(event: H3Event, msisdn: string, fields: EntryFields): Promise<EntryOutcome | null> {
  const live = await getSession(event);
  if (!live) return null;
  const stayAt = live.record.state === "pending_otp" ? "/otp" : "/";
  if (live.record.msisdn === msisdn) return { location: stayAt };
  if (fields.switch === "1") return null;
  if (wantsJson(event)) throw gatewayError("session_conflict");
  const { switch: _, js: __, ...link } = fields;
  return { ask: { current: maskMsisdn(live.record.msisdn), next: maskMsisdn(msisdn), stayAt, fields: link } };
}

interface Nonce { value: string; ttlSeconds: number }

async function checkLink(fields: EntryFields): Promise<Nonce | null> {
  const { config } = useGateway();
  const signed = fields.exp !== undefined || fields.nonce !== undefined || fields.sig !== undefined;
  if (config.link.secrets.length === 0) return null;
  if (!signed) {
    if (config.link.allowUnsigned) return null;
    throw gatewayError("link_required");
  }
  const now = Math.floor(Date.now() / 1000);
  const verdict = await verifyLink(config.link.secrets, fields as SignedLinkFields, now);
  if (verdict === "malformed") throw gatewayError("invalid_link");
  if (verdict === "expired") throw gatewayError("link_expired");
  if (verdict !== "valid") throw gatewayError("link_invalid");
  return { value: fields.nonce!, ttlSeconds: Number(fields.exp) - now + LINK_CLOCK_SKEW_SECONDS };
}

/** A number /init does not know goes the same way (same answer, from outside): its OTP leads to sign-up. */
async function enterWithOtp(event: H3Event, msisdn: string): Promise<string> {
  const registration = await checkRegistration(event, msisdn);
  await enforceRateLimit(event, "otpSendMsisdn", msisdn);
  await sendOtp(event, msisdn);
  await recordAudit(event, "otp.sent");
  const now = Date.now();
  const facts = registration.registered ? { name: registration.name, ...taxpayerFacts(registration) } : { signup: true, hasVat: registration.hasVat };
  await createSession(event, { msisdn, ...facts, state: "pending_otp", createdAt: now, lastSeenAt: now });
  await recordAudit(event, "session.created", { mode: "otp" });
  return "/otp";
}

async function enterDirect(event: H3Event, msisdn: string): Promise<string> {
  const registration = await checkRegistration(event, msisdn);
  if (!registration.registered) throw gatewayError("not_registered");
  if (!registration.token) throw gatewayError("identity_unavailable");
  const now = Date.now();
  await createSession(event, {
    msisdn, name: registration.name, ...taxpayerFacts(registration), token: registration.token, tokenExpiresAt: tokenExpiry(registration.token),
    state: "active", createdAt: now, lastSeenAt: now,
  });
  await recordAudit(event, "session.created", { mode: "direct" });
  return "/";
}

/** The PIN and registrations from /init, kept on the server only (the returns rules bind the PIN). */
export function taxpayerFacts(registration: IdentityInit): { pin?: string; hasVat?: boolean; hasEtims?: boolean } {
  return { pin: registration.pin, hasVat: registration.hasVat, hasEtims: registration.hasEtims };
}

function isServiceFailure(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode ?? 500;
  return status >= 500;
}

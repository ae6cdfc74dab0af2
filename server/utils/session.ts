import { appendResponseHeader, getRequestHeader, type H3Event } from "h3";
import { serialize } from "cookie-es";
import { toSessionView, type SessionView } from "../shared/session-view";
import { recordAudit } from "./audit";
import { hashSubjectUnderEachKey, openText, randomToken, sealText, sha256 } from "./crypto";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { readPausedServices } from "./services";
import type { GatewayConfig } from "./config";

export const SESSION_COOKIE = "__Host-session";
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const MAX_TOUCH_INTERVAL_MS = 60_000;
// A record outlives its session by this much in the store, so a return soon after an idle or
// absolute end is seen (and audited as such) instead of finding nothing; it never opens again.
const END_NOTICE_SECONDS = 60;

/**
 * `phone_verified`: the OTP proved a number /init does not know. Such a session holds no
 * upstream token and may use only the sign-up and PIN routes under /session (never /api).
 */
export type SessionState = "pending_otp" | "active" | "phone_verified";

/**
 * What the server keeps; the browser only ever holds the random id, and the store
 * only its hash as the key and the record sealed (AES-256-GCM, see StoredRecord).
 */
export interface SessionRecord {
  msisdn: string;
  name?: string;
  /** The taxpayer's KRA PIN from /init (`entities[0].pin`); never sent to the browser. */
  pin?: string;
  hasVat?: boolean;
  hasEtims?: boolean;
  token?: string;
  tokenExpiresAt?: number;
  state: SessionState;
  /** A pending session for a number /init does not know: the OTP leads to `phone_verified`. */
  signup?: boolean;
  /** The person `id-lookup` matched for a KRA PIN application (server only, sealed at rest). */
  pinApplicant?: { idNumber: string; type: "citizen" | "resident" };
  /** A WhatsApp Flow's progress (server/features/flows): which Flow, its language, its step and what it chose. */
  flow?: {
    name: string; language: "en" | "sw"; step: string; choices?: Record<string, string>; options?: { id: string; title: string }[];
    /** The screen last answered, sent again on BACK, a repeated INIT or a refused input. */
    screen?: { id: string; data: Record<string, unknown> };
  };
  /** The last "send to my WhatsApp" messages (Meta's ids) and, when Meta's webhook reported one failed, its error code. */
  sent?: { id: string; at: number; failed?: number }[];
  /** The last 20 acknowledgements and PRNs the upstream issued to this session: the only ones "send to my WhatsApp" draws. */
  documents?: IssuedDocument[];
  /** The ITR drafts itr-create made for this session (the last 10): the only ids its summary and file calls accept. */
  itrReturns?: ItrDraft[];
  createdAt: number;
  lastSeenAt: number;
}

/** A number the upstream issued to the session, in a bounded shape; `amount` as the upstream gave it (a PRN's). */
export interface IssuedDocument { kind: "acknowledgement" | "prn"; number: string; amount?: number }

/** An ITR draft as the upstream's itr-create made it for this session (server/features/itr.ts). */
export interface ItrDraft { id: string; taxPayerId?: string; taxObligationId?: string; period: string; year: string; filed?: boolean }

/** The record at rest: its JSON sealed with NITRO_SESSION_ENCRYPTION_KEY, bound to its store key. */
interface StoredRecord { v: 1; box: string }

export interface Session {
  key: string;
  record: SessionRecord;
}

type CookieRead = { kind: "absent" } | { kind: "invalid" } | { kind: "valid"; id: string };

/** Exactly one well-formed `__Host-session` cookie, or a verdict on why not. */
export function readSessionCookie(event: H3Event): CookieRead {
  const header = getRequestHeader(event, "cookie");
  if (!header) return { kind: "absent" };
  let value: string | undefined;
  for (const part of header.split(";")) {
    const trimmed = part.trim();
    if (!trimmed.startsWith(COOKIE_PREFIX)) continue;
    if (value !== undefined) return { kind: "invalid" };
    value = trimmed.slice(COOKIE_PREFIX.length);
  }
  if (value === undefined) return { kind: "absent" };
  return SESSION_ID.test(value) ? { kind: "valid", id: value } : { kind: "invalid" };
}

const COOKIE_PREFIX = `${SESSION_COOKIE}=`;

export function sessionExpiresAt(record: SessionRecord, config: GatewayConfig): number {
  return Math.min(record.lastSeenAt + config.session.idleSeconds * 1000, latestEndOf(record, config));
}

/** The latest a session can end, however busy it is: its absolute lifetime, or its token's expiry. */
function latestEndOf(record: SessionRecord, config: GatewayConfig): number {
  return Math.min(record.createdAt + config.session.absoluteSeconds * 1000, record.tokenExpiresAt ?? Number.POSITIVE_INFINITY);
}

/** The live session for this request, or null. Expired records are deleted on sight; recent use is recorded. */
export async function getSession(event: H3Event): Promise<Session | null> {
  const cookie = readSessionCookie(event);
  if (cookie.kind !== "valid") return null;
  return openStoredSession(event, await sha256(cookie.id));
}

/**
 * The live session stored under `key` (a cookie's hash, or a flow token's), or null; as getSession.
 * `touch: false` (a delivery status, not the user's doing) reads it without recording recent use.
 */
export async function openStoredSession(event: H3Event, key: string, options: { touch?: boolean } = {}): Promise<Session | null> {
  const { config, store } = useGateway();
  const stored = await store.getSession<StoredRecord>(key);
  if (!stored) return null;
  const record = await openRecord(key, stored, config);
  const now = Date.now();
  if (!record || sessionExpiresAt(record, config) <= now) {
    await store.deleteSession(key); // expired, or sealed with a key this server no longer holds
    await recordAudit(event, "session.ended", { reason: record ? expiryReason(record, config) : "unreadable" }, record?.msisdn);
    return null;
  }
  if ((options.touch ?? true) && now - record.lastSeenAt > Math.min(MAX_TOUCH_INTERVAL_MS, (config.session.idleSeconds * 1000) / 4)) {
    record.lastSeenAt = now;
    await rewriteSession({ key, record });
  }
  return { key, record };
}

/** Which bound ended a session: idle, absolute lifetime, or the upstream token's own expiry. */
function expiryReason(record: SessionRecord, config: GatewayConfig): string {
  const expiresAt = sessionExpiresAt(record, config);
  if (expiresAt === record.tokenExpiresAt) return "token_expiry";
  return expiresAt === record.createdAt + config.session.absoluteSeconds * 1000 ? "absolute" : "idle";
}

/**
 * The number's keys in the per-number session index (HMACs, never the number), the current
 * key's first: sessions indexed before a key rotation are still found through `_PREVIOUS`.
 */
export async function sessionIndexesOf(msisdn: string): Promise<string[]> {
  return hashSubjectUnderEachKey(useGateway().config.session.encryptionKeys, `index\n${msisdn}`);
}

async function unindexSession(key: string, msisdn: string): Promise<void> {
  for (const index of await sessionIndexesOf(msisdn)) await useGateway().store.unindexSession(index, key);
}

/**
 * Records opened recently, by store key, with the sealed text they came from.
 * The store is still read on every request (a deleted or rewritten record is
 * never served from here); only the AES-GCM open and JSON parse are skipped
 * while the sealed value is the same. Callers get a copy.
 */
const OPENED_MAX = 1024;
const opened = new Map<string, { box: string; record: SessionRecord }>();

function rememberOpened(key: string, box: string, record: SessionRecord): void {
  opened.delete(key);
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value as string);
  opened.set(key, { box, record: { ...record } });
}

async function sealRecord(session: Session, config: GatewayConfig): Promise<StoredRecord> {
  const box = await sealText(config.session.encryptionKeys, JSON.stringify(session.record), session.key);
  rememberOpened(session.key, box, session.record);
  return { v: 1, box };
}

async function openRecord(key: string, stored: StoredRecord, config: GatewayConfig): Promise<SessionRecord | null> {
  if (stored?.v !== 1 || typeof stored.box !== "string") return null;
  const hit = opened.get(key);
  if (hit?.box === stored.box) return { ...hit.record };
  const json = await openText(config.session.encryptionKeys, stored.box, key);
  if (json === null) return null;
  const record = JSON.parse(json) as SessionRecord;
  rememberOpened(key, stored.box, record);
  return record;
}

function ttlSecondsOf(record: SessionRecord, config: GatewayConfig): number {
  return Math.ceil((sessionExpiresAt(record, config) - Date.now()) / 1000);
}

/** Rewrites a live record, never recreating one deleted meanwhile (a logout or revocation racing this request). */
async function rewriteSession(session: Session): Promise<boolean> {
  const { config, store } = useGateway();
  const ttlSeconds = ttlSecondsOf(session.record, config);
  return ttlSeconds > 0 && store.touchSession(session.key, await sealRecord(session, config), ttlSeconds + END_NOTICE_SECONDS);
}

/**
 * The session in the wanted state, or 401: `session_expired` (cookie cleared) for
 * a cookie that no longer opens a session, `session_required` when there is no
 * cookie or the session is in the other state (kept: a pending sign-in survives
 * an early call to /api, an active one a repeated OTP post).
 */
const isInState = (record: SessionRecord, state: SessionState | readonly SessionState[] | "any") =>
  state === "any" || (typeof state === "string" ? state === record.state : state.includes(record.state));

export async function requireSession(
  event: H3Event, state: SessionState | readonly SessionState[] | "any" = "active",
): Promise<Session> {
  const session = await getSession(event);
  if (session && isInState(session.record, state)) {
    event.context.msisdn = session.record.msisdn;
    return session;
  }
  if (session || readSessionCookie(event).kind === "absent") throw gatewayError("session_required");
  await endSession(event);
  throw gatewayError("session_expired");
}

/**
 * Saves a change to the request's session. One that ended meanwhile (logout, revocation,
 * expiry, often during a long upstream call) stays ended: 401 `session_expired`.
 */
export async function saveSession(event: H3Event, session: Session): Promise<void> {
  if (!(await rewriteSession(session))) await refuseEndedSession(event, session);
}

/**
 * Changes the session as it is stored now, not as the request read it: parallel requests (two drafts
 * created at once, an acknowledgement saved during a long filing) keep each other's writes. The re-read
 * and the write run one at a time per session under a store claim (KV has no compare-and-set); a claim
 * not won within about 2 s is written anyway. One that ended meanwhile stays ended: 401 `session_expired`.
 */
export async function updateSession(event: H3Event, session: Session, change: (record: SessionRecord) => SessionRecord): Promise<void> {
  const { config, store } = useGateway();
  const lock = `session-update:${session.key}`;
  const locked = await claimWithin(lock, UPDATE_WAIT_TRIES);
  try {
    const stored = await store.getSession<StoredRecord>(session.key);
    const current = stored ? await openRecord(session.key, stored, config) : null;
    if (!current) return await refuseEndedSession(event, session);
    session.record = change(current);
    await saveSession(event, session);
  } finally {
    if (locked) await store.releaseNonce(lock).catch(() => {});
  }
}

const UPDATE_WAIT_TRIES = 40;
const UPDATE_WAIT_MS = 50;
const UPDATE_LOCK_SECONDS = 10;

async function claimWithin(lock: string, tries: number): Promise<boolean> {
  for (let left = tries; left > 0; left--) {
    if (await useGateway().store.claimNonce(lock, UPDATE_LOCK_SECONDS)) return true;
    await new Promise((resolve) => setTimeout(resolve, UPDATE_WAIT_MS));
  }
  return false;
}

/** A session that ended while the request ran (logout, revocation, expiry) stays ended: 401 `session_expired`. */
async function refuseEndedSession(event: H3Event, session: Session): Promise<never> {
  await endSession(event, session, "ended_meanwhile");
  throw gatewayError("session_expired");
}

/**
 * Seconds the session can live at most, however busy it is (its absolute end, or its token's; at
 * least 1): the lifetime of counters that belong to it, which must not start over while it lives.
 */
export function sessionCounterTtlSeconds(session: Session): number {
  return Math.max(1, Math.ceil((latestEndOf(session.record, useGateway().config) - Date.now()) / 1000));
}

/** Stores a record under a new random id and sets the cookie; used at entry and, with a new id, after OTP. */
export async function createSession(event: H3Event, record: SessionRecord): Promise<Session> {
  const id = randomToken(32);
  const session = { key: await sha256(id), record };
  await storeSession(session);
  setSessionCookie(event, id, useGateway().config.session.absoluteSeconds);
  return session;
}

/** Stores a new record, sealed, under its key and in the number's index (so a revocation finds it). */
export async function storeSession(session: Session): Promise<void> {
  const { config, store } = useGateway();
  await store.saveSession(session.key, await sealRecord(session, config), Math.max(1, ttlSecondsOf(session.record, config)) + END_NOTICE_SECONDS);
  await store.indexSession((await sessionIndexesOf(session.record.msisdn))[0], session.key, config.session.absoluteSeconds);
}

/** Rotation: the old id stops working the moment the new one is issued (no fixation across the OTP step). */
export async function rotateSession(event: H3Event, session: Session, record: SessionRecord): Promise<Session> {
  // Still there? One ended during the OTP or sign-up call is not revived under a new id.
  if (!(await useGateway().store.getSession(session.key))) await refuseEndedSession(event, session);
  const next = await createSession(event, record);
  await useGateway().store.deleteSession(session.key);
  await unindexSession(session.key, session.record.msisdn);
  await recordAudit(event, "session.rotated", {}, record.msisdn);
  return next;
}

/**
 * Ends whatever session the request's cookie names (a logout; an entry that replaces it): its record
 * and index entry deleted, with an audit line naming why. `clearCookie` also tells the browser to drop it.
 */
export async function endCurrentSession(event: H3Event, reason: string, { clearCookie }: { clearCookie: boolean }): Promise<void> {
  const cookie = readSessionCookie(event);
  if (cookie.kind === "valid") {
    const { config, store } = useGateway();
    const key = await sha256(cookie.id);
    const stored = await store.getSession<StoredRecord>(key);
    const record = stored ? await openRecord(key, stored, config) : null;
    await store.deleteSession(key);
    if (record) {
      await unindexSession(key, record.msisdn);
      await recordAudit(event, "session.ended", { reason }, record.msisdn);
    }
  }
  if (clearCookie) clearSessionCookie(event);
}

/**
 * The one way a session ends on a refusal (an upstream 401, an expired cookie,
 * the OTP budget spent): its record deleted and exactly one clearing cookie on
 * the response, whatever answers the request afterwards.
 */
export async function endSession(event: H3Event, session?: Session, reason = "upstream_401"): Promise<void> {
  if (session) {
    opened.delete(session.key);
    await useGateway().store.deleteSession(session.key);
    await unindexSession(session.key, session.record.msisdn);
    await recordAudit(event, "session.ended", { reason }, session.record.msisdn);
  }
  if (event.context.sessionEnded) return;
  event.context.sessionEnded = true;
  clearSessionCookie(event);
}

function setSessionCookie(event: H3Event, id: string, maxAge: number): void {
  appendResponseHeader(event, "set-cookie", serializeSessionCookie(id, maxAge));
}

function clearSessionCookie(event: H3Event): void {
  appendResponseHeader(event, "set-cookie", serializeSessionCookie("", 0));
}

function serializeSessionCookie(value: string, maxAge: number): string {
  return serialize(SESSION_COOKIE, value, { httpOnly: true, secure: true, sameSite: "strict", path: "/", maxAge });
}

/** What `GET /session` and a right OTP tell the browser: the record's view, with what the server offers now. */
export async function viewSession(record: SessionRecord): Promise<SessionView> {
  const { config } = useGateway();
  const paused = [...(await readPausedServices())];
  return toSessionView(record, sessionExpiresAt(record, config), { paused, whatsapp: config.whatsapp !== null });
}

import { createMetrics, reportFatalConfigError, startAdminServer } from "#gateway-runtime";
import { z } from "zod";
import type { AdminAnswer, AdminRequest } from "../runtime/contract";
import { ERROR_CATALOG, type ErrorCode } from "../shared/error-codes";
import { SERVICE_NAMES, type ServiceName } from "../shared/services";
import { writeAudit, type AuditOrigin } from "../utils/audit";
import type { GatewayConfig } from "../utils/config";
import { randomToken, timingSafeEqual } from "../utils/crypto";
import { useGateway } from "../utils/gateway";
import { writeLog } from "../utils/log";
import { installMetrics, renderMetrics } from "../utils/metrics";
import { readPausedServices, writePausedServices } from "../utils/services";
import { sessionIndexesOf } from "../utils/session";

type AdminConfig = NonNullable<GatewayConfig["admin"]>;
type Action = (request: AdminRequest, origin: AuditOrigin) => Promise<AdminAnswer>;

/**
 * The admin listener (Node only, NITRO_ADMIN_PORT): metrics on, then the second
 * server. It cannot bind → the process stops, naming the variable.
 */
export async function startAdminListener(admin: AdminConfig): Promise<() => Promise<void>> {
  installMetrics(await createMetrics());
  try {
    const close = await startAdminServer({ host: admin.host, port: admin.port }, (request) => answerAdmin(request, admin));
    writeLog({ level: "info", msg: "admin listener ready", host: admin.host, port: admin.port });
    return close;
  } catch {
    reportFatalConfigError(`NITRO_ADMIN_PORT: cannot listen on ${admin.host}:${admin.port}`);
    return async () => {};
  }
}

/** `scrape`: the metrics token may call it too (NITRO_METRICS_TOKEN); everything else takes the admin token. */
const ACTIONS: Record<string, { action: Action; audited: boolean; scrape: boolean }> = {
  "GET /metrics": { action: metrics, audited: false, scrape: true },
  "POST /admin/sessions/revoke": { action: revokeSessions, audited: true, scrape: false },
  "POST /admin/services": { action: setServices, audited: true, scrape: false },
};

/** The routes of the admin listener and whether the metrics token may call them (for tests and the README). */
export const ADMIN_ROUTES: readonly { route: string; scrape: boolean }[] =
  Object.entries(ACTIONS).map(([route, { scrape }]) => ({ route, scrape }));

/**
 * Bearer token first (compared in constant time), then the action. The admin token may do everything; the
 * metrics token only scrape (`403` elsewhere, nothing done). Every call but a scrape is on the audit trail;
 * a refused one at most once per client address per minute, so a flood of bad tokens is not a flood of lines.
 */
async function answerAdmin(request: AdminRequest, admin: AdminConfig): Promise<AdminAnswer> {
  const route = `${request.method} ${request.path.split("?")[0]}`;
  const origin: AuditOrigin = { requestId: randomToken(9), client: request.remoteAddress };
  const entry = ACTIONS[route];
  if (!entry) return refusal("not_found");
  const caller = callerOf(request.authorization ?? "", admin);
  const allowed = caller === "admin" || (caller === "metrics" && entry.scrape);
  const answer = allowed ? await entry.action(request, origin).catch(failure) : refusal(caller ? "forbidden" : "unauthorized");
  if (allowed ? entry.audited : firstRefusalThisMinute(origin.client)) await writeAudit(origin, "admin.call", { route, status: answer.status });
  return answer;
}

/** Which token the call carries; both are compared, whatever the first answer, in time that depends only on lengths. */
function callerOf(authorization: string, admin: AdminConfig): "admin" | "metrics" | null {
  const isAdmin = timingSafeEqual(authorization, `Bearer ${admin.token}`);
  const isMetrics = admin.metricsToken !== "" && timingSafeEqual(authorization, `Bearer ${admin.metricsToken}`);
  return isAdmin ? "admin" : isMetrics ? "metrics" : null;
}

const REFUSAL_AUDIT_INTERVAL_MS = 60_000;
const REFUSAL_AUDIT_MAX_ADDRESSES = 10_000;
const lastRefusalAudit = new Map<string, number>();

/** True for the first refused call from this address in a minute (bounded table: the oldest address goes first). */
function firstRefusalThisMinute(client: string | undefined): boolean {
  const key = client ?? "unknown";
  const now = Date.now();
  const last = lastRefusalAudit.get(key);
  if (last !== undefined && now - last < REFUSAL_AUDIT_INTERVAL_MS) return false;
  lastRefusalAudit.delete(key);
  if (lastRefusalAudit.size >= REFUSAL_AUDIT_MAX_ADDRESSES) lastRefusalAudit.delete(lastRefusalAudit.keys().next().value!);
  lastRefusalAudit.set(key, now);
  return true;
}

async function metrics(): Promise<AdminAnswer> {
  const rendered = await renderMetrics()!;
  return { status: 200, contentType: rendered.contentType, body: rendered.text };
}

const revokeBody = z.strictObject({ msisdn: z.string().max(32) });

/** Ends every live session of the number, on every instance (they share the store). */
async function revokeSessions(request: AdminRequest, origin: AuditOrigin): Promise<AdminAnswer> {
  const body = parseBody(revokeBody, request.body);
  if (!body) return refusal("invalid_body");
  const { normalizeMsisdn } = await import("../shared/msisdn");
  const msisdn = normalizeMsisdn(body.msisdn);
  if (!msisdn) return refusal("invalid_phone");
  let revoked = 0;
  for (const index of await sessionIndexesOf(msisdn)) revoked += await useGateway().store.revokeSessions(index);
  await writeAudit({ ...origin, msisdn }, "session.revoked", { count: revoked });
  return json(200, { revoked });
}

const serviceList = z.array(z.enum(SERVICE_NAMES)).max(SERVICE_NAMES.length);
const servicesBody = z.union([
  z.strictObject({ paused: serviceList }), z.strictObject({ pause: serviceList }), z.strictObject({ resume: serviceList }),
]);

/** `paused`: the whole list; `pause` / `resume`: a change to the current one. Answers the new list. */
async function setServices(request: AdminRequest, origin: AuditOrigin): Promise<AdminAnswer> {
  const body = parseBody(servicesBody, request.body);
  if (!body) return refusal("invalid_body");
  const before = await readPausedServices();
  const next = new Set<ServiceName>("paused" in body ? body.paused : before);
  if ("pause" in body) for (const name of body.pause) next.add(name);
  if ("resume" in body) for (const name of body.resume) next.delete(name);
  const paused = await writePausedServices(next);
  for (const name of SERVICE_NAMES) {
    if (next.has(name) !== before.has(name)) await writeAudit(origin, next.has(name) ? "service.paused" : "service.resumed", { service: name });
  }
  return json(200, { paused });
}

function parseBody<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function failure(error: unknown): AdminAnswer {
  const code = (error as { data?: { code?: ErrorCode } }).data?.code;
  return refusal(code && code in ERROR_CATALOG ? code : "service_unavailable");
}

function refusal(code: ErrorCode): AdminAnswer {
  return json(ERROR_CATALOG[code].status, { error: code, message: ERROR_CATALOG[code].en });
}

function json(status: number, body: unknown): AdminAnswer {
  return { status, contentType: "application/json; charset=utf-8", body: JSON.stringify(body) };
}

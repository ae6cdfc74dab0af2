// Meta's webhook for the messages "send to my WhatsApp" sent (README: WhatsApp webhook). Meta accepts a message
// and may report later that it failed (131047: more than 24 hours since the taxpayer wrote); such a status is kept
// with the session's send record, so the page says "not delivered" on its next look. Statuses for messages this
// gateway did not send are ignored; only message ids and error codes are logged.
import { getQuery, getRequestHeader, type H3Event } from "h3";
import { z } from "zod";
import { readBoundedBody } from "../utils/body";
import { openText, sealText, sha256, timingSafeEqual } from "../utils/crypto";
import { gatewayError } from "../utils/errors";
import { useGateway } from "../utils/gateway";
import { writeLog } from "../utils/log";
import { openStoredSession, saveSession, sessionCounterTtlSeconds, type Session } from "../utils/session";
import { hasValidSignature } from "./flows/envelope";

/** The sends a session remembers (newest last), for their statuses. */
const KEPT_SENDS = 10;
const BODY_MAX_BYTES = 256 * 1024;
const MESSAGE_ID = /^[A-Za-z0-9_.=:+/-]{1,160}$/;

/** The webhook's settings; with NITRO_WHATSAPP_APP_SECRET or NITRO_WHATSAPP_VERIFY_TOKEN unset the route does not exist (404). */
export function requireWebhook(_event: H3Event): { appSecret: string; verifyToken: string } {
  const { webhook } = useGateway().config;
  if (!webhook) throw gatewayError("not_found");
  return webhook;
}

/** Meta's subscription check: `hub.mode=subscribe`, the configured verify token (constant time), the challenge echoed. */
export function answerVerification(event: H3Event, verifyToken: string): string {
  const query = getQuery(event);
  const challenge = typeof query["hub.challenge"] === "string" ? query["hub.challenge"] : "";
  const token = typeof query["hub.verify_token"] === "string" ? query["hub.verify_token"] : "";
  if (query["hub.mode"] !== "subscribe" || !timingSafeEqual(token, verifyToken) || !/^[A-Za-z0-9_-]{1,128}$/.test(challenge)) {
    throw gatewayError("forbidden");
  }
  return challenge;
}

const statusesSchema = z.object({
  entry: z.array(z.object({
    changes: z.array(z.object({
      value: z.object({
        statuses: z.array(z.object({
          id: z.string(), status: z.string(), errors: z.array(z.object({ code: z.number() }).loose()).optional(),
        }).loose()).optional(),
      }).loose(),
    }).loose()).max(100),
  }).loose()).max(100),
}).loose();

/** A signed notification (432 and nothing read otherwise): each failed status of a message this gateway sent is recorded. */
export async function receiveStatuses(event: H3Event, appSecret: string): Promise<void> {
  event.context.sessionEnded = true; // no cookie on this route
  const raw = await readBoundedBody(event, BODY_MAX_BYTES);
  if (!(await hasValidSignature(appSecret, raw, getRequestHeader(event, "x-hub-signature-256")))) {
    writeLog({ level: "warn", msg: "whatsapp webhook refused", requestId: event.context.requestId, code: "flow_signature" });
    throw gatewayError("flow_signature");
  }
  let parsed;
  try {
    parsed = statusesSchema.safeParse(JSON.parse(new TextDecoder().decode(raw)));
  } catch {
    throw gatewayError("invalid_json");
  }
  if (!parsed.success) return; // other notifications (incoming messages, templates): not this gateway's business
  const statuses = parsed.data.entry.flatMap((entry) => entry.changes.flatMap((change) => change.value.statuses ?? []));
  for (const status of statuses.slice(0, 100)) {
    if (status.status === "failed" && MESSAGE_ID.test(status.id)) await recordFailure(event, status.id, status.errors?.[0]?.code ?? 0);
  }
}

const mappingKey = async (messageId: string) => `wa:${await sha256(`whatsapp-message\n${messageId}`)}`;

/** After a send: the message id joins the session's record, and a sealed pointer from the id to the session is kept as long as the session can live. */
export async function rememberSentMessage(event: H3Event, session: Session, messageId: string): Promise<void> {
  if (!MESSAGE_ID.test(messageId)) return;
  const { config, store } = useGateway();
  const key = await mappingKey(messageId);
  await store.saveSession(key, { v: 1, box: await sealText(config.session.encryptionKeys, session.key, key) }, sessionCounterTtlSeconds(session));
  const sent = [...(session.record.sent ?? []), { id: messageId, at: Date.now() }].slice(-KEPT_SENDS);
  await saveSession(event, { ...session, record: { ...session.record, sent } }).catch(() => {});
}

async function recordFailure(event: H3Event, messageId: string, code: number): Promise<void> {
  const { config, store } = useGateway();
  const key = await mappingKey(messageId);
  const stored = await store.getSession<{ v: number; box: string }>(key);
  const sessionKey = stored?.v === 1 ? await openText(config.session.encryptionKeys, stored.box, key) : null;
  const session = sessionKey ? await openStoredSession(event, sessionKey, { touch: false }) : null;
  const sent = session?.record.sent?.find((send) => send.id === messageId);
  // A message id is base64 holding the recipient's full number: only a short hash of it is logged.
  const messageHash = (await sha256(`whatsapp-message-log\n${messageId}`)).slice(0, 12);
  writeLog({ level: "info", msg: "whatsapp message failed", requestId: event.context.requestId, messageHash, code, known: Boolean(sent) });
  if (!session || !sent) return;
  sent.failed = code;
  await saveSession(event, session).catch(() => {});
}

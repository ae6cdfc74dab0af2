import type { H3Event } from "h3";
import { z } from "zod";
import { callService } from "#gateway-runtime";
import { RuntimeFailure, type HeldAnswer, type ServiceAnswer, type ServiceCall } from "../runtime/contract";
import type { Language } from "../shared/language";
import { readFiling, readPrn } from "../shared/returns";
import type { ServiceName } from "../shared/services";
import { maskMsisdn } from "../shared/mask";
import { rememberSentMessage } from "./whatsapp-statuses";
import { readValidatedBody } from "../utils/body";
import type { WhatsAppConfig } from "../utils/config";
import { gatewayError } from "../utils/errors";
import { documentRefusal, failUpstreamCall, judgeAnswer } from "../proxy/answer";
import { addUpstreamCredentials } from "../proxy/credentials";
import { useGateway } from "../utils/gateway";
import { writeLog } from "../utils/log";
import { getRequestLanguage } from "../utils/respond";
import { requireServiceRunning } from "../utils/services";
import { sessionCounterTtlSeconds, type IssuedDocument, type Session, updateSession } from "../utils/session";

// "Send to my WhatsApp" (issue 11): the gateway gets the PDF itself, uploads it to the
// WhatsApp Cloud API as media and sends it as a document message to the session's own
// number. No document URL, upstream token or access token ever reaches the browser.

/** Every attempt counts, failed ones too: a loop of failing sends also stops here. */
const MAX_SENDS_PER_SESSION = 10;
const BODY_MAX_BYTES = 1024;
/** Cloud API answers are a few hundred bytes. */
const CLOUD_ANSWER_MAX_BYTES = 64 * 1024;
/** Meta's "Re-engagement message": outside the 24-hour customer-service window. */
const WINDOW_CLOSED = 131047;

/** The bounded shapes a drawn note's number may take, whatever the upstream issued within them. */
const ACK_NUMBER = /^[A-Za-z0-9/-]{4,40}$/;
const PRN_NUMBER = /^[A-Za-z0-9]{6,24}$/;
/** Drawn documents the session received from the upstream, newest last (README: Send to my WhatsApp). */
const KEPT_DOCUMENTS = 20;

const etimsDocument = { invoice: z.string().regex(/^[A-Z0-9]{4,32}$/), key: z.string().regex(/^[A-Za-z0-9]{8,64}$/) };
const documentSchema = z.discriminatedUnion("document", [
  z.object({ document: z.literal("invoice"), ...etimsDocument }),
  z.object({ document: z.literal("credit_note"), ...etimsDocument }),
  z.object({ document: z.literal("acknowledgement"), ack: z.string().regex(ACK_NUMBER) }),
  // Whatever format the upstream issued (bounded); any amount the client sends is dropped: the note shows the upstream's.
  z.object({ document: z.literal("prn"), prn: z.string().regex(PRN_NUMBER) }),
]);

export type WhatsAppDocument = z.output<typeof documentSchema>;

/** The service each document comes from; the route itself also needs `whatsapp`. */
const DOCUMENT_SERVICES: Record<WhatsAppDocument["document"], ServiceName> = {
  invoice: "etims", credit_note: "etims", acknowledgement: "returns", prn: "payments",
};
interface Pdf { bytes: Uint8Array; filename: string }

/** The feature's settings; with NITRO_WHATSAPP_* unset the route does not exist (404). */
export function requireWhatsApp(_event: H3Event): WhatsAppConfig {
  const { whatsapp } = useGateway().config;
  if (!whatsapp) throw gatewayError("not_found");
  return whatsapp;
}

/** Which document (form or JSON). Anything else the client sends, a recipient included, is dropped. */
export async function readWhatsAppDocument(event: H3Event): Promise<WhatsAppDocument> {
  return readValidatedBody(event, documentSchema, { maxBytes: BODY_MAX_BYTES });
}

/** Uploads the document and sends it to the session's own number, within the session's budget of sends. */
export async function sendToWhatsApp(event: H3Event, whatsapp: WhatsAppConfig, session: Session, document: WhatsAppDocument): Promise<void> {
  const fromEtims = document.document === "invoice" || document.document === "credit_note";
  // As the proxy's rules are: a paused service serves no document this way either (an invoice needs
  // `etims`, an acknowledgement `returns`, a PRN `payments`), and the refusal spends no send.
  await requireServiceRunning(event, DOCUMENT_SERVICES[document.document]);
  const issued = fromEtims ? undefined : issuedDocument(session, document);
  const sends = await useGateway().store.incrementCounter(`whatsapp:${session.key}`, sessionCounterTtlSeconds(session));
  if (sends > MAX_SENDS_PER_SESSION) throw gatewayError("whatsapp_limit");
  const pdf = issued ? drawnPdf(issued, session.record.msisdn, getRequestLanguage(event)) : await fetchEtimsPdf(event, session, document as EtimsDocument);
  const mediaId = await uploadMedia(event, whatsapp, pdf);
  const sent = await callCloudApi(event, whatsapp, "messages", "application/json", JSON.stringify({
    messaging_product: "whatsapp", recipient_type: "individual", to: session.record.msisdn,
    type: "document", document: { id: mediaId, filename: pdf.filename },
  }));
  const messageId = (sent as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
  if (typeof messageId === "string") await rememberSentMessage(event, session, messageId);
}

type EtimsDocument = Extract<WhatsAppDocument, { invoice: string }>;

/**
 * An acknowledgement or PRN is drawn only if this session received that very number from the upstream
 * (kept in the session record by rememberIssuedDocuments); any other value is 404 `not_found`, nothing sent.
 */
function issuedDocument(session: Session, document: WhatsAppDocument): IssuedDocument {
  const number = document.document === "acknowledgement" ? document.ack : document.document === "prn" ? document.prn : undefined;
  const issued = session.record.documents?.find((kept) => kept.kind === document.document && kept.number === number);
  if (!issued) throw gatewayError("not_found");
  return issued;
}

/** What an answer of these rules issues to the session: a return's acknowledgement (and a TOT PRN), a PRN. */
const ISSUING_RULES: Record<string, (answer: unknown) => IssuedDocument[]> = {
  "returns.file": (answer) => {
    const filing = readFiling(answer);
    if (!filing.ok) return [];
    const { ack, prn, taxDue } = filing.value;
    return [
      ...(ack ? [{ kind: "acknowledgement" as const, number: ack }] : []),
      ...(prn ? [{ kind: "prn" as const, number: prn, amount: taxDue }] : []),
    ];
  },
  "payments.prn": (answer) => {
    const prn = readPrn(answer);
    const amount = Number((answer as { Amount?: unknown } | null)?.Amount);
    return prn.ok ? [{ kind: "prn", number: prn.value, amount: Number.isFinite(amount) ? amount : undefined }] : [];
  },
};

/**
 * After a proxied call of a rule that issues a number (a return filed, a PRN generated): the numbers the
 * upstream gave this session, in the bounded shapes a note can show, join the last KEPT_DOCUMENTS in its record.
 */
export async function rememberIssuedDocuments(event: H3Event, ruleId: string, session: Session, answer: HeldAnswer): Promise<void> {
  const read = ISSUING_RULES[ruleId];
  if (!read || answer.status < 200 || answer.status >= 300) return;
  const issued = read(parseJson(typeof answer.body === "string" ? new TextEncoder().encode(answer.body) : answer.body))
    .filter((document) => (document.kind === "prn" ? PRN_NUMBER : ACK_NUMBER).test(document.number))
    .map((document) => ({ ...document, amount: boundedAmount(document.amount) }));
  if (issued.length === 0) return;
  // A session that ended meanwhile keeps nothing, but the upstream's answer (a return filed) still goes to the page.
  await updateSession(event, { ...session }, (record) => ({
    ...record, documents: [...(record.documents ?? []), ...issued].slice(-KEPT_DOCUMENTS),
  })).catch(() => {});
}

const boundedAmount = (amount: number | undefined) =>
  amount !== undefined && Number.isFinite(amount) && amount > 0 && amount <= 1e12 ? amount : undefined;

/** The invoice or credit-note PDF, fetched the way the proxy's `invoice.pdf` rule does, with the session's token. */
async function fetchEtimsPdf(event: H3Event, session: Session, document: EtimsDocument): Promise<Pdf> {
  const call = etimsPdfCall(event, session, document);
  const answer = await callService(call).catch((failure: unknown) => failUpstreamCall(event, session, failure));
  const verdict = judgeAnswer(answer.status, answer.contentType, answer.body.byteLength, { responds: "pdf", maxResponseBytes: call.maxResponseBytes });
  if (verdict instanceof RuntimeFailure) return failUpstreamCall(event, session, verdict);
  if (answer.status !== 200) throw documentRefusal(answer.status);
  const label = document.document === "invoice" ? "Invoice" : "Credit-note";
  return { bytes: answer.body, filename: `${label}-${document.invoice}.pdf` };
}

/** Built from validated parts only; the headers the proxy injects for a document. */
function etimsPdfCall(event: H3Event, session: Session, document: EtimsDocument): ServiceCall {
  const { upstream } = useGateway().config;
  const { origin, path } = upstream.documents;
  return {
    method: "GET", url: `${origin}${path}/public/etims/invoice/${document.invoice}/${document.key}`,
    headers: addUpstreamCredentials({ accept: "application/pdf" }, event, upstream, session.record.token),
    timeoutMs: upstream.timeoutMs, maxResponseBytes: upstream.maxResponseBytes,
  };
}

/** The Cloud API's media upload (multipart: messaging_product, type, file); its media id. */
async function uploadMedia(event: H3Event, whatsapp: WhatsAppConfig, pdf: Pdf): Promise<string> {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", "application/pdf");
  form.set("file", new Blob([pdf.bytes as BlobPart], { type: "application/pdf" }), pdf.filename);
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const answer = await callCloudApi(event, whatsapp, "media", encoded.headers.get("content-type")!, body);
  const media = z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/) }).safeParse(answer);
  if (!media.success) throw cloudApiRefusal(event, "media", 200);
  return media.data.id;
}

/** One call with the access token, which goes nowhere else; its JSON answer, or a generic error. */
async function callCloudApi(
  event: H3Event, whatsapp: WhatsAppConfig, endpoint: "media" | "messages", contentType: string, body: string | Uint8Array,
): Promise<unknown> {
  let answer: ServiceAnswer;
  try {
    answer = await callService({
      method: "POST", url: `${whatsapp.baseUrl}/${whatsapp.phoneNumberId}/${endpoint}`, body,
      headers: { authorization: `Bearer ${whatsapp.accessToken}`, "content-type": contentType, accept: "application/json" },
      timeoutMs: whatsapp.timeoutMs, maxResponseBytes: CLOUD_ANSWER_MAX_BYTES,
    });
  } catch (failure) {
    throw cloudApiRefusal(event, endpoint, failure instanceof RuntimeFailure ? failure.kind : "unavailable");
  }
  const json = parseJson(answer.body);
  if (answer.status === 200) return json;
  throw cloudApiRefusal(event, endpoint, answer.status, graphErrorCode(json));
}

/** Logged with numbers only (status, Meta's error code), never the answer's text. */
function cloudApiRefusal(event: H3Event, endpoint: string, status: number | string, graphCode?: number) {
  writeLog({ level: "warn", msg: "whatsapp cloud api refused", requestId: event.context.requestId, endpoint, status, graphCode });
  return gatewayError(graphCode === WINDOW_CLOSED ? "whatsapp_window_closed" : "whatsapp_unavailable");
}

/** `{"error":{"code":131047,…}}` (Graph API errors). */
function graphErrorCode(json: unknown): number | undefined {
  const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === "number" ? code : undefined;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** The note's words in the page's language (the same rule as the pages: the `lang` cookie, else Accept-Language). */
const NOTE_TEXT: Record<Language, {
  ackTitle: string; ackNumber: string; prnTitle: string; amount: string; payWith: string; copy: string;
  sent: (to: string, date: string) => string;
}> = {
  en: {
    ackTitle: "Tax return acknowledgement", ackNumber: "Acknowledgement number", prnTitle: "Payment registration number (PRN)",
    amount: "Amount", payWith: "Use this PRN as the account number when you pay.",
    copy: "A copy of the number the page showed you; it is not a receipt.",
    sent: (to, date) => `Sent to ${to} on ${date} at your request from KRA's WhatsApp service.`,
  },
  sw: {
    ackTitle: "Uthibitisho wa ritani ya kodi", ackNumber: "Nambari ya uthibitisho", prnTitle: "Nambari ya usajili wa malipo (PRN)",
    amount: "Kiasi", payWith: "Tumia PRN hii kama nambari ya akaunti unapolipa.",
    copy: "Nakala ya nambari uliyoonyeshwa kwenye ukurasa; si risiti.",
    sent: (to, date) => `Imetumwa kwa ${to} tarehe ${date} kwa ombi lako kutoka huduma ya WhatsApp ya KRA.`,
  },
};

/**
 * The upstream has no PDF for a return acknowledgement or a PRN (README: Upstream API, returns and payments), so the
 * gateway draws a one-page note of a number the upstream issued to this session (the client only picks
 * which); the note goes only to the client's own phone and says it is a copy.
 */
function drawnPdf(document: IssuedDocument, msisdn: string, language: Language): Pdf {
  const text = NOTE_TEXT[language];
  const footer = [text.sent(maskMsisdn(msisdn), new Date().toISOString().slice(0, 10)), text.copy];
  if (document.kind === "acknowledgement") {
    const lines = ["Kenya Revenue Authority", text.ackTitle, `${text.ackNumber}: ${document.number}`, ...footer];
    return { bytes: drawPdf(lines), filename: `Acknowledgement-${document.number.replace(/\//g, "-")}.pdf` };
  }
  const amount = document.amount === undefined ? [] : [`${text.amount}: KES ${formatAmount(document.amount)}`];
  const lines = ["Kenya Revenue Authority", text.prnTitle, `PRN: ${document.number}`, ...amount, text.payWith, ...footer];
  return { bytes: drawPdf(lines), filename: `PRN-${document.number}.pdf` };
}

const formatAmount = (amount: number) =>
  amount.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 });

/** A one-page PDF 1.4 of ASCII lines in Helvetica (the first as a heading); the text is fixed words and validated fields. */
function drawPdf(lines: string[]): Uint8Array {
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 24} Td (${line.replace(/[\\()]/g, "\\$&")}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  return new TextEncoder().encode(`${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
}

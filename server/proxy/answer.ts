import { setResponseHeader, type H3Event } from "h3";
import type { ZodType } from "zod";
import {
  MAX_JSON_RESPONSE_BYTES, RuntimeFailure, type FailureKind, type FailureSign, type HeldAnswer, type JudgeAnswer,
} from "../runtime/contract";
import { gatewayError, upstreamError } from "../utils/errors";
import { writeLog } from "../utils/log";
import { endSession, type Session } from "../utils/session";
import { compilePolicyEncoder, type PolicyEncoder } from "./compiled-policy";
import { businessErrorAnswer, type ResponsePolicy } from "./policies/policy";

const decoder = new TextDecoder();
const JSON_HEADERS: [string, string][] = [["content-type", "application/json; charset=utf-8"]];

// Every decision on an upstream answer, in one place: its status and type, hold or stream
// (judgeAnswer, called by the runtime before any byte is read), a 304, a business error,
// the fields that reach the browser (shapeAnswer), and a failure, which ends the session
// when the upstream refused its token (failUpstreamCall).

/**
 * A document is saved under its own number (`INV….pdf`), whatever name the upstream gives it; set before
 * forwarding, so it goes out with a streamed answer on both runtimes (and an error drops it again).
 */
export function nameDocument(event: H3Event, response: ResponsePolicy, params: Record<string, string>): void {
  if (response.kind !== "document") return;
  const name = (params.invoice ?? "").replace(/[^A-Za-z0-9._-]/g, "") || "document";
  setResponseHeader(event, "content-disposition", `attachment; filename="${name}.pdf"`);
}

/**
 * A held answer shaped for the browser: a JSON rule's through its response policy; a
 * document rule's held answer is the upstream's refusal (4xx), answered with the gateway's own error.
 */
export function shapeAnswer(event: H3Event, response: ResponsePolicy, answer: HeldAnswer): HeldAnswer {
  if (response.kind !== "json") throw documentRefusal(answer.status);
  return applyResponsePolicy(event, response.schema, answer, response.errors);
}

/** A document the upstream did not give (any status but 200): 404 stays a 404, anything else is its failure. */
export function documentRefusal(status: number) {
  return gatewayError(status === 404 ? "not_found" : "upstream_error");
}

/**
 * A failed upstream call as the gateway's error. The typed failure of an upstream 401
 * (RuntimeFailure `unauthorized`) ends the session first: its token is no longer good.
 */
export async function failUpstreamCall(event: H3Event, session: Session, failure: unknown): Promise<never> {
  if (failure instanceof RuntimeFailure && failure.kind === "unauthorized") await endSession(event, session);
  throw upstreamError(failure);
}

/**
 * The one place a JSON answer is shaped: a success by the rule's schema, a
 * business error to its code and message. Anything else is the upstream's own
 * failure (502), never passed through.
 */
export function applyResponsePolicy(
  event: H3Event, schema: ZodType, answer: HeldAnswer, errors: ZodType = businessErrorAnswer,
): HeldAnswer {
  if (answer.status === 304) return answer;
  const policy = answer.status >= 400 ? errors : schema;
  const input = parseJson(answer.body);
  const fast = filterOf(policy)?.(input);
  const body = typeof fast === "string" ? fast : JSON.stringify(checkWithZod(event, policy, input, answer.status));
  return { status: answer.status, headers: JSON_HEADERS, body };
}

const filters = new WeakMap<ZodType, PolicyEncoder | null>();

/** The schema's compiled policy (compiled-policy.ts), built on first use; null where zod must run. */
function filterOf(schema: ZodType): PolicyEncoder | null {
  let filter = filters.get(schema);
  if (filter === undefined) {
    filter = compilePolicyEncoder(schema);
    filters.set(schema, filter);
  }
  return filter;
}

/** zod decides whatever the compiled filter did not accept, and names the paths of a refusal. */
function checkWithZod(event: H3Event, schema: ZodType, input: unknown, status: number): unknown {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join("."));
  writeLog({
    level: "warn", msg: "upstream answer outside the response policy",
    requestId: event.context.requestId, route: event.context.routeId, status, paths,
  });
  throw gatewayError("upstream_error");
}

/** An answer's body as JSON, or undefined when it is not JSON. */
export function parseJson(body: Uint8Array | string): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : decoder.decode(body));
  } catch {
    return undefined;
  }
}

const RESPONSE_TYPES = { json: "application/json", pdf: "application/pdf" } as const;

/**
 * Decides, from the status line and headers alone, what happens to an upstream answer:
 * a JSON answer or any error answer is held (bounded) for the rule's response policy; a
 * document streams. Business errors (4xx JSON, e.g. 422 with a numeric `code`) pass as
 * data; the upstream's own failures become generic 502s (server/utils/errors.ts), a 401
 * ends the session (failUpstreamCall).
 */
export const judgeAnswer: JudgeAnswer = (status, contentType, contentLength, { responds, maxResponseBytes }) => {
  if (status === 401) return refused("unauthorized", "unauthorized");
  if (status >= 502 && status <= 504) return refused("unavailable", "5xx");
  if (status >= 500) return refused("bad_answer", "5xx");
  if (status < 200 || (status >= 300 && status < 400 && status !== 304)) return refused("bad_answer", "bad_status");
  const held = responds === "json" || status >= 400;
  const limit = held ? Math.min(maxResponseBytes, MAX_JSON_RESPONSE_BYTES) : maxResponseBytes;
  if (contentLength !== undefined && contentLength > limit) return refused("too_large", "too_large");
  if (status === 304) return held ? "hold" : "stream";
  const type = mediaTypeOf(contentType);
  const expected = status >= 400 ? RESPONSE_TYPES.json : RESPONSE_TYPES[responds];
  if (type === expected) return held ? "hold" : "stream";
  return refused("bad_answer", type === "text/html" ? "html" : "bad_type");
};

// An upstream sends the same Content-Type again and again: each distinct value is reduced once.
const mediaTypes = new Map<string, string>();

function mediaTypeOf(contentType = ""): string {
  let type = mediaTypes.get(contentType);
  if (type !== undefined) return type;
  type = contentType.split(";")[0].trim().toLowerCase();
  if (mediaTypes.size < 64) mediaTypes.set(contentType, type);
  return type;
}

function refused(kind: FailureKind, sign: FailureSign): RuntimeFailure {
  return new RuntimeFailure(kind, kind, sign);
}

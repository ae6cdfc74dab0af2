import type { H3Event } from "h3";
import type { ZodType } from "zod";
import { gatewayError } from "./errors";
import { writeLog } from "./log";
import type { HeldAnswer } from "./proxy-request";
import { businessErrorAnswer } from "./proxy-responses";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const JSON_HEADERS: [string, string][] = [["content-type", "application/json; charset=utf-8"]];

/**
 * The one place a JSON answer is shaped: a success by the rule's schema, a
 * business error to its code and message. Anything else is the upstream's own
 * failure (502), never passed through.
 */
export function applyResponsePolicy(
  event: H3Event, schema: ZodType, answer: HeldAnswer, errors: ZodType = businessErrorAnswer,
): HeldAnswer {
  if (answer.status === 304) return answer;
  const parsed = (answer.status >= 400 ? errors : schema).safeParse(parseJson(answer.body));
  if (!parsed.success) {
    const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join("."));
    writeLog({
      level: "warn", msg: "upstream answer outside the response policy",
      requestId: event.context.requestId, route: event.context.routeId, status: answer.status, paths,
    });
    throw gatewayError("upstream_error");
  }
  return { status: answer.status, headers: JSON_HEADERS, body: encoder.encode(JSON.stringify(parsed.data)) };
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(body));
  } catch {
    return undefined;
  }
}

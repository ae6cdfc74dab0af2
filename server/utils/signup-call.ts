import type { H3Event } from "h3";
import type { z, ZodType } from "zod";
import { readFormFields } from "./body";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { getClientNetwork } from "./client-address";
import { enforceRateLimit } from "./rate-limit";
import { requireSession, type Session, type SessionState } from "./session";

const SIGNUP_BODY_MAX_BYTES = 1024;

/** A sign-up or PIN form (urlencoded or JSON), checked with its shared schema; unknown fields (an msisdn) are dropped. */
export async function readSignupFields<S extends ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readFormFields(event, SIGNUP_BODY_MAX_BYTES));
  if (parsed.success) return parsed.data;
  // Paths only, with one fixed text: zod's own messages may quote what the client sent.
  const fields = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join("."), message: "is not valid" }));
  throw gatewayError("invalid_body", { fields });
}

/**
 * The session behind every sign-up and PIN call: a phone the OTP proved and /init does not
 * know (`phone_verified`; PIN retrieval also takes an active one), within the same
 * per-address and per-number limits as the OTP step.
 */
export async function requireSignupSession(
  event: H3Event, states: readonly SessionState[] = ["phone_verified"],
): Promise<Session> {
  const session = await requireSession(event, states);
  await enforceRateLimit(event, "signupIp", getClientNetwork(event, useGateway().config.trustProxyHops));
  await enforceRateLimit(event, "signupMsisdn", session.record.msisdn);
  return session;
}

import type { H3Event } from "h3";
import { z, type ZodType } from "zod";
import { KRA_PIN } from "../../shared/schemas";
import { recordIdentityAudit } from "../../utils/audit";
import { gatewayError } from "../../utils/errors";
import { useGateway } from "../../utils/gateway";
import { callIdentity } from "../../utils/identity";
import { readValidatedBody } from "../../utils/body";
import { getClientNetwork } from "../../utils/client-address";
import { admitIdNumber, reserveEach } from "../../utils/id-disclosure";
import { enforceRateLimit, releaseAll, reserveRateLimit, type Reservation } from "../../utils/rate-limit";
import { requireSession, type Session, type SessionState } from "../../utils/session";

const SIGNUP_BODY_MAX_BYTES = 1024;

/** A sign-up or PIN form (urlencoded or JSON), checked with its shared schema; unknown fields (an msisdn) are dropped. */
export function readSignupFields<S extends ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  return readValidatedBody(event, schema, { maxBytes: SIGNUP_BODY_MAX_BYTES });
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


// README: Upstream API, sign-up and identity lookup: an answer counts only with both `name` and `yob`; other fields are ignored.
const lookupAnswer = z.object({
  name: z.string().trim().min(1).max(200),
  yob: z.union([z.number().int(), z.string().regex(/^\d{4}$/)]).transform(Number),
  pin: z.string().regex(KRA_PIN).nullish().catch(undefined),
  has_vat: z.boolean().optional().catch(undefined),
});

export interface IdentityClaim {
  /** Canonical (server/shared/signup.ts): digits, no leading zeros. */
  idNumber: string;
  yob: number;
  firstName?: string;
  /** PIN registration only: a resident is looked up as `alien`. */
  type?: "citizen" | "resident";
}

export interface IdentityMatch { name: string; pin?: string; hasVat: boolean }

/**
 * What a match discloses besides the person: `pin` (PIN retrieval and registration, eTIMS sign-up) also
 * spends the PIN-show budgets, per number and per ID, on every answer that follows a matching year (the
 * PIN, `pin_not_found`, `pin_exists`, `vat_registered`, an enrolment outcome), so those answers are no
 * free oracle for the year.
 */
export type Disclosure = "identity" | "pin";

/**
 * `id-lookup` with the session's number: the person, when the year of birth (and the
 * first name, if given) match; otherwise one generic refusal, whatever did not match.
 *
 * Every budget is reserved before the call, atomically (README: "Rules", identity limits):
 * the ID among this number's distinct IDs, a wrong answer for the ID, and (for `pin`) a PIN
 * shown per number and per ID. The answer then gives back what it proves should not count:
 * a match gives back the wrong-answer hit, a mismatch the PIN-show hits, a failed call all. A guess
 * refused by a PIN-show budget got no answer that proves it right, so it keeps its wrong-answer hit.
 * However many requests run in parallel, at most the limit of them reach `id-lookup`.
 */
export async function matchIdentity(
  event: H3Event, msisdn: string, claim: IdentityClaim, disclosure: Disclosure = "identity",
): Promise<IdentityMatch> {
  await admitIdNumber(event, msisdn, claim.idNumber);
  const mismatch = await reserveMismatch(event, claim.idNumber);
  // Refused here, the guess keeps its wrong-answer hit: only an answer that matched gives it back.
  const shown = disclosure === "pin" ? await reserveEach(event, [["pinShowMsisdn", msisdn], ["pinShowId", claim.idNumber]]) : [];
  const type = claim.type && { type: claim.type === "resident" ? "alien" : "citizen" };
  const answer = await callIdentity(event, "/id-lookup", { id_number: claim.idNumber, msisdn, ...type })
    .catch(async (error: unknown) => {
      await releaseAll([mismatch, ...shown]);
      throw error;
    });
  if (!answer.ok && answer.status !== 422) {
    await releaseAll([mismatch, ...shown]);
    throw gatewayError("identity_unavailable");
  }
  const parsed = lookupAnswer.safeParse(answer.body);
  if (!answer.ok || !parsed.success || !matches(parsed.data, claim)) {
    await releaseAll(shown);
    await recordIdentityAudit(event, "identity.mismatch", claim.idNumber);
    throw gatewayError("identity_mismatch");
  }
  await mismatch.release();
  return { name: parsed.data.name, pin: parsed.data.pin ?? undefined, hasVat: parsed.data.has_vat === true };
}

/** A wrong answer per ID, whichever phone gives it: past the limit the ID is locked, even for the right year. */
async function reserveMismatch(event: H3Event, idNumber: string): Promise<Reservation> {
  try {
    return await reserveRateLimit(event, "identityMismatchId", idNumber);
  } catch (error) {
    await recordIdentityAudit(event, "identity.locked", idNumber);
    throw error;
  }
}

function matches(person: z.output<typeof lookupAnswer>, claim: IdentityClaim): boolean {
  if (person.yob !== claim.yob) return false;
  if (claim.firstName === undefined) return true;
  const first = person.name.split(/\s+/)[0].toLocaleUpperCase("en");
  return first === claim.firstName.trim().split(/\s+/)[0].toLocaleUpperCase("en");
}

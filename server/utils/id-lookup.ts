import type { H3Event } from "h3";
import { z } from "zod";
import type { RateLimitName } from "./config";
import { recordIdentityAudit } from "./audit";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";
import { callIdentity } from "./identity";
import { hashSubject } from "./crypto";
import { releaseAll, reserveRateLimit, type Reservation } from "./rate-limit";

const KRA_PIN = /^[AP]\d{9}[A-Z]$/;

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

/**
 * A lookup that shows the person behind a national ID without a year of birth (the buyer lookup by ID):
 * the ID among this number's distinct IDs and a PIN shown for the ID, reserved before the call. The
 * reservation is given back only when the call gets no answer.
 */
export async function reserveIdDisclosure(event: H3Event, msisdn: string, idNumber: string): Promise<Reservation[]> {
  await admitIdNumber(event, msisdn, idNumber);
  return reserveEach(event, [["pinShowId", idNumber]]);
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

/** Several reservations; when one is refused, those taken so far are given back. */
async function reserveEach(event: H3Event, limits: [RateLimitName, string][]): Promise<Reservation[]> {
  const taken: Reservation[] = [];
  try {
    for (const [name, subject] of limits) taken.push(await reserveRateLimit(event, name, subject));
    return taken;
  } catch (error) {
    await releaseAll(taken);
    throw error;
  }
}

/**
 * One number may ask about at most NITRO_RATE_LIMIT_IDENTITY_IDS_MSISDN distinct IDs per window, across sign-up,
 * PIN retrieval and registration (a family member's ID is a legitimate second; a hundred are not). An ID the number
 * was already admitted for costs nothing; a new one takes a hit first and is marked admitted only after it. A
 * parallel request that finds the mark set meanwhile gives its hit back. Nothing reaches `id-lookup` past the limit.
 */
async function admitIdNumber(event: H3Event, msisdn: string, idNumber: string): Promise<void> {
  const { config, store } = useGateway();
  const { windowSeconds } = config.rateLimits.identityIdsMsisdn;
  const mark = `idsMsisdnMember:${await hashSubject(config.session.encryptionKeys, `${msisdn}\n${idNumber}`)}`;
  if ((await store.readCounter(mark)) > 0) return;
  const hit = await reserveRateLimit(event, "identityIdsMsisdn", msisdn);
  if ((await store.incrementCounter(mark, windowSeconds)) > 1) await hit.release();
}

function matches(person: z.output<typeof lookupAnswer>, claim: IdentityClaim): boolean {
  if (person.yob !== claim.yob) return false;
  if (claim.firstName === undefined) return true;
  const first = person.name.split(/\s+/)[0].toLocaleUpperCase("en");
  return first === claim.firstName.trim().split(/\s+/)[0].toLocaleUpperCase("en");
}

import type { H3Event } from "h3";
import { z } from "zod";
import { gatewayError } from "./errors";
import { callIdentity } from "./identity";
import { countRateLimitHit, requireRateLimitRoom } from "./rate-limit";

const KRA_PIN = /^[AP]\d{9}[A-Z]$/;

// README: Upstream API, sign-up and identity lookup: an answer counts only with both `name` and `yob`; other fields are ignored.
const lookupAnswer = z.object({
  name: z.string().trim().min(1).max(200),
  yob: z.union([z.number().int(), z.string().regex(/^\d{4}$/)]).transform(Number),
  pin: z.string().regex(KRA_PIN).nullish().catch(undefined),
  has_vat: z.boolean().optional().catch(undefined),
});

export interface IdentityClaim {
  idNumber: string;
  yob: number;
  firstName?: string;
  /** PIN registration only: a resident is looked up as `alien`. */
  type?: "citizen" | "resident";
}

export interface IdentityMatch { name: string; pin?: string; hasVat: boolean }

/**
 * `id-lookup` with the session's number: the person, when the year of birth (and the
 * first name, if given) match; otherwise one generic refusal, whatever did not match.
 */
export async function matchIdentity(event: H3Event, msisdn: string, claim: IdentityClaim): Promise<IdentityMatch> {
  // Wrong answers count per ID, whichever phone gives them: a year of birth is not guessed from many numbers.
  await requireRateLimitRoom(event, "identityMismatchId", claim.idNumber);
  const type = claim.type && { type: claim.type === "resident" ? "alien" : "citizen" };
  const answer = await callIdentity(event, "/id-lookup", { id_number: claim.idNumber, msisdn, ...type });
  if (!answer.ok && answer.status !== 422) throw gatewayError("identity_unavailable");
  const parsed = lookupAnswer.safeParse(answer.body);
  if (!answer.ok || !parsed.success || !matches(parsed.data, claim)) {
    await countRateLimitHit("identityMismatchId", claim.idNumber);
    throw gatewayError("identity_mismatch");
  }
  return { name: parsed.data.name, pin: parsed.data.pin ?? undefined, hasVat: parsed.data.has_vat === true };
}

function matches(person: z.output<typeof lookupAnswer>, claim: IdentityClaim): boolean {
  if (person.yob !== claim.yob) return false;
  if (claim.firstName === undefined) return true;
  const first = person.name.split(/\s+/)[0].toLocaleUpperCase("en");
  return first === claim.firstName.trim().split(/\s+/)[0].toLocaleUpperCase("en");
}

import type { H3Event } from "h3";
import { KRA_PIN } from "../shared/schemas";
import { recordIdentityAudit } from "./audit";
import type { ProxyRule } from "../proxy/rules";
import type { RateLimitName } from "./config";
import { hashSubject } from "./crypto";
import { useGateway } from "./gateway";
import { releaseAll, reserveRateLimit, type Reservation } from "./rate-limit";
import type { Session } from "./session";

/** What a proxied call that may name a national ID holds: given back when no answer came, audited when one did. */
export interface RuleDisclosure {
  release(): Promise<void>;
  record(event: H3Event, status: number): Promise<void>;
}

const NOTHING: RuleDisclosure = { release: async () => {}, record: async () => {} };

/**
 * For a rule with `idField` whose body names a national ID (not a PIN): the identity budgets of
 * PIN retrieval, reserved before the call (README: "Rules", identity limits), and a `pin.shown`
 * audit line with the ID's HMAC once KRA answered 2xx.
 */
export async function reserveRuleDisclosure(
  event: H3Event, rule: ProxyRule, session: Session, body: Record<string, unknown> | undefined,
): Promise<RuleDisclosure> {
  const value = rule.idField ? body?.[rule.idField] : undefined;
  if (typeof value !== "string" || KRA_PIN.test(value)) return NOTHING;
  const reserved = await reserveIdDisclosure(event, session.record.msisdn, value);
  return {
    release: () => releaseAll(reserved),
    async record(recordEvent, status) {
      if (status >= 200 && status < 300) await recordIdentityAudit(recordEvent, "pin.shown", value);
    },
  };
}

/**
 * A lookup that shows the person behind a national ID without a year of birth (the buyer lookup by ID):
 * the ID among this number's distinct IDs and a PIN shown for the ID, reserved before the call. The
 * reservation is given back only when the call gets no answer.
 */
async function reserveIdDisclosure(event: H3Event, msisdn: string, idNumber: string): Promise<Reservation[]> {
  await admitIdNumber(event, msisdn, idNumber);
  return reserveEach(event, [["pinShowId", idNumber]]);
}

/** Several reservations; when one is refused, those taken so far are given back. */
export async function reserveEach(event: H3Event, limits: [RateLimitName, string][]): Promise<Reservation[]> {
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
export async function admitIdNumber(event: H3Event, msisdn: string, idNumber: string): Promise<void> {
  const { config, store } = useGateway();
  const { windowSeconds } = config.rateLimits.identityIdsMsisdn;
  const mark = `idsMsisdnMember:${await hashSubject(config.session.encryptionKeys, `${msisdn}\n${idNumber}`)}`;
  if ((await store.readCounter(mark)) > 0) return;
  const hit = await reserveRateLimit(event, "identityIdsMsisdn", msisdn);
  if ((await store.incrementCounter(mark, windowSeconds)) > 1) await hit.release();
}

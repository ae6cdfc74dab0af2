import type { H3Event } from "h3";
import { KRA_PIN } from "../shared/schemas";
import { recordIdentityAudit } from "./audit";
import { reserveIdDisclosure } from "./id-lookup";
import type { ProxyRule } from "./proxy-rules";
import { releaseAll } from "./rate-limit";
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

import type { AnswerFormRule, ReturnsEndpoint } from "./types";

interface ActiveRule {
  rule: AnswerFormRule;
  remaining: number;
}

/** Answer-form rules in insertion order, used up like fault rules (FaultRules). */
export class AnswerForms {
  private rules: ActiveRule[] = [];

  add(rule: AnswerFormRule): void {
    const remaining = rule.times ?? Number.POSITIVE_INFINITY;
    if (!(remaining > 0)) throw new RangeError("AnswerFormRule.times must be at least 1");
    if (!rule.success && !rule.error) throw new TypeError("AnswerFormRule needs `success` or `error`");
    this.rules.push({ rule, remaining });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule for this endpoint and PIN that `accepts` (a success form may not fit every call). */
  take<E extends ReturnsEndpoint>(
    endpoint: E, pin: string | undefined, accepts: (rule: Extract<AnswerFormRule, { endpoint: E }>) => boolean = () => true,
  ): Extract<AnswerFormRule, { endpoint: E }> | undefined {
    const active = this.rules.find(({ rule }) => rule.endpoint === endpoint && matchesPin(rule.pin, pin)
      && accepts(rule as Extract<AnswerFormRule, { endpoint: E }>));
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== active);
    return active.rule as Extract<AnswerFormRule, { endpoint: E }>;
  }
}

function matchesPin(rulePin: string | undefined, pin: string | undefined): boolean {
  return rulePin === undefined || rulePin.toUpperCase() === pin?.toUpperCase();
}

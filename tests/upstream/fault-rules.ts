import type { Fault, FaultRule } from "./types";

interface ActiveRule {
  fault: Fault;
  path?: string | RegExp;
  remaining: number;
}

/** Fault rules in insertion order; the first rule matching a path wins and uses up one of its `times`. */
export class FaultRules {
  private rules: ActiveRule[] = [];

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  add(rule: FaultRule): void {
    const remaining = rule.times ?? Number.POSITIVE_INFINITY;
    if (!(remaining > 0)) throw new RangeError("FaultRule.times must be at least 1");
    this.rules.push({ fault: rule.fault, path: rule.path, remaining });
  }

  clear(): void {
    this.rules = [];
  }

  take(path: string): Fault | undefined {
    const rule = this.rules.find((candidate) => matchesPath(candidate.path, path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.fault;
  }
}

function matchesPath(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return path.startsWith(pattern);
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
  return pattern.test(path);
}

// The compiled response policy (server/proxy/compiled-policy.ts) against the compiled filter it replaces
// on the hot path: on every JSON policy of the rule table (successes and 4xx shapes), the same text for
// what the filter keeps and REJECT for what it rejects (the filter is itself held to zod by
// tests/property/response-filter.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z, type ZodType } from "zod";
import { compilePolicyEncoder } from "../../server/proxy/compiled-policy";
import { businessErrorAnswer } from "../../server/proxy/policies/policy";
import { proxyRules } from "../../server/proxy/rules";
import { compileFilter, REJECT } from "../../server/proxy/compile-filter";
import { valueOf } from "../property/support";
import { fetchPageBody } from "../upstream/fast-path";

const policies = new Map<string, ZodType>();
for (const rule of proxyRules) {
  if (rule.response.kind !== "json") continue;
  policies.set(rule.id, rule.response.schema);
  policies.set(`${rule.id} (4xx)`, rule.response.errors ?? businessErrorAnswer);
}

/** What the gateway sent before: the compiled filter's kept value, encoded. */
function previous(schema: ZodType, input: unknown): string | undefined | typeof REJECT {
  const kept = compileFilter(schema)!(input);
  return kept === REJECT ? REJECT : JSON.stringify(kept);
}

describe("compiled response policy", () => {
  it("compiles every JSON policy of the rule table to generated code", () => {
    expect(policies.size).toBeGreaterThanOrEqual(30);
    for (const [name, schema] of policies) expect(compilePolicyEncoder(schema)?.name, name).toBe("encodePolicy");
  });

  for (const [name, schema] of policies) {
    it(`${name}: the same text as the filter, and REJECT where it rejects`, () => {
      const encode = compilePolicyEncoder(schema)!;
      fc.assert(fc.property(valueOf(schema), (input) => {
        expect(encode(input)).toStrictEqual(previous(schema, input));
      }), { numRuns: 1000 });
    });
  }

  it("the benchmark's listings (1 and 20 entries, real shape): byte for byte, numbers and internals dropped", () => {
    const schema = policies.get("buyer-initiated.list")!;
    for (const size of [1, 20]) {
      const input = JSON.parse(fetchPageBody(size).toString());
      const text = compilePolicyEncoder(schema)!(input);
      expect(text).toBe(previous(schema, input));
      expect(text).not.toMatch(/msisdn|internal|service_token|2547/);
      expect(JSON.parse(text as string).invoices.entries).toHaveLength(size);
    }
  });

  it("keeps and refuses at each bound as the filter does", () => {
    const schema = z.object({
      s: z.string().max(3), n: z.number().int().nonnegative(), f: z.number().finite(), b: z.boolean(),
      list: z.array(z.number()).max(2), maybe: z.string().nullish(), either: z.union([z.string().max(1), z.number()]).transform(String),
    });
    const valid = { s: "abc", n: 0, f: -1.5, b: false, list: [1, 2], maybe: null, either: "x" };
    const cases = [
      valid, { ...valid, s: "abcd" }, { ...valid, s: "" }, { ...valid, n: -1 }, { ...valid, n: 2 ** 53 - 1 }, { ...valid, n: 2 ** 53 },
      { ...valid, n: 1.5 }, { ...valid, f: Infinity }, { ...valid, f: Number.NaN }, { ...valid, b: 0 }, { ...valid, list: [1, 2, 3] },
      { ...valid, list: [] }, { ...valid, maybe: undefined }, { ...valid, maybe: "x" }, { ...valid, either: 7 }, { ...valid, either: "xy" },
      { ...valid, extra: "dropped" }, [valid], "text", null,
    ];
    const encode = compilePolicyEncoder(schema)!;
    expect(encode.name).toBe("encodePolicy");
    for (const input of cases) expect(encode(input), JSON.stringify(input)).toStrictEqual(previous(schema, input));
  });

  it("reads names like Object.prototype members as the filter does, and never lets __proto__ set a prototype", () => {
    const schema = z.object({ toString: z.string().optional(), constructor: z.string().nullish(), a: z.number().optional() });
    const inputs = [{}, { a: 1 }, { a: undefined }, JSON.parse('{"toString":"x","constructor":null}'), JSON.parse('{"toString":5}'), JSON.parse('{"__proto__":{"a":1}}')];
    for (const input of inputs) expect(compilePolicyEncoder(schema)!(input)).toStrictEqual(previous(schema, input));
    const proto = z.object({ ["__proto__"]: z.object({ polluted: z.boolean() }).optional() });
    const encode = compilePolicyEncoder(proto)!;
    expect(encode.name).not.toBe("encodePolicy");
    expect(encode(JSON.parse('{"__proto__":{"polluted":true}}'))).toBe(previous(proto, JSON.parse('{"__proto__":{"polluted":true}}')));
  });

  it("falls back to the filter where code cannot be generated, and to null where nothing compiles", () => {
    const original = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError("Code generation from strings disallowed for this context");
    } as unknown as FunctionConstructor;
    try {
      const schema = policies.get("buyer-initiated.list")!;
      const encode = compilePolicyEncoder(schema)!;
      expect(encode.name).not.toBe("encodePolicy");
      const input = JSON.parse(fetchPageBody(2).toString());
      expect(encode(input)).toBe(previous(schema, input));
      expect(encode({ invoices: 5 })).toBe(REJECT);
    } finally {
      globalThis.Function = original;
    }
    expect(compilePolicyEncoder(z.object({ a: z.string().email() }))).toBeNull();
  });
});

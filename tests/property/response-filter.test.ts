// The compiled response filters against zod itself: for inputs shaped like each policy (and broken in
// random places), the filter accepts only what zod accepts and outputs exactly what zod outputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import * as checkerPolicies from "../../server/proxy/policies/checkers";
import * as etimsPolicies from "../../server/proxy/policies/etims";
import * as sharedPolicies from "../../server/proxy/policies/policy";
import * as returnsPolicies from "../../server/proxy/policies/returns";
import { compileFilter, REJECT } from "../../server/proxy/compile-filter";

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const junk = fc.oneof(
  fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double(), fc.integer(), fc.string({ maxLength: 5 }),
  fc.constant(2 ** 53), fc.constant(-1), fc.constant(1.5), fc.constant([]), fc.constant({}), fc.string({ minLength: 301, maxLength: 310 }),
);

/** Values that mostly follow the schema, with a junk value in place of any part now and then. */
function valueOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const conforming = conformingValueOf(defOf(schema), depth);
  return fc.oneof({ arbitrary: conforming, weight: 12 }, { arbitrary: junk, weight: 1 });
}

function conformingValueOf(def: Def, depth: number): fc.Arbitrary<unknown> {
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, valueOf(field, depth + 1)]));
      const record = fc.record(fields, { requiredKeys: [] });
      return fc.tuple(record, fc.dictionary(fc.string({ maxLength: 4 }), junk, { maxKeys: 2 }))
        .map(([known, extra]) => ({ ...extra, ...known }));
    }
    case "string": return fc.string({ maxLength: 4 }).chain((s) => fc.constantFrom(s, s.padEnd(50, "x"), "y".repeat(201)));
    case "number": return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.constant(2 ** 53 + 2));
    case "boolean": return fc.boolean();
    case "optional": return fc.oneof(fc.constant(undefined), valueOf(def.innerType, depth));
    case "nullable": return fc.oneof(fc.constant(null), valueOf(def.innerType, depth));
    case "array": return depth > 4 ? fc.constant([]) : fc.array(valueOf(def.element, depth + 1), { maxLength: 3 });
    case "union": return fc.oneof(...(def.options as unknown[]).map((option) => valueOf(option, depth)));
    case "pipe": return valueOf(def.in, depth);
    default: throw new Error(`no generator for ${def.type}`);
  }
}

const policies = { ...sharedPolicies, ...etimsPolicies, ...returnsPolicies, ...checkerPolicies };
const schemas: [string, ZodType][] = Object.entries(policies).flatMap(([name, value]) => {
  if ((value as { kind?: string }).kind === "json") return [[name, (value as { schema: ZodType }).schema]];
  return name === "businessErrorAnswer" ? [[name, value as ZodType]] : [];
});

describe("compiled response filters", () => {
  it("covers every JSON policy", () => {
    expect(schemas.length).toBeGreaterThanOrEqual(13);
    for (const [name, schema] of schemas) expect(compileFilter(schema), name).not.toBeNull();
  });

  for (const [name, schema] of schemas) {
    it(`${name}: accepts exactly what zod accepts, with zod's output`, () => {
      const filter = compileFilter(schema)!;
      fc.assert(fc.property(valueOf(schema), (input) => {
        const zod = schema.safeParse(input);
        const fast = filter(input);
        if (!zod.success) expect(fast).toBe(REJECT);
        else expect(fast).toStrictEqual(zod.data);
      }), { numRuns: 2000 });
    });
  }

  it("reads a field named like an Object.prototype member as zod does (inherited members count)", async () => {
    const { z } = await import("zod");
    const schema = z.object({ toString: z.string().optional(), constructor: z.string().nullish(), a: z.number().optional() });
    const filter = compileFilter(schema)!;
    const inputs = [{}, { a: 1 }, { a: undefined }, JSON.parse('{"toString":"x","constructor":null}'), JSON.parse('{"toString":5}')];
    for (const input of inputs) {
      const zod = schema.safeParse(input);
      if (zod.success) expect(filter(input)).toStrictEqual(zod.data);
      else expect(filter(input)).toBe(REJECT);
    }
  });

  it("refuses to compile what it does not understand, so zod runs", async () => {
    const { z } = await import("zod");
    expect(compileFilter(z.object({ a: z.string() }).strict())).toBeNull();
    expect(compileFilter(z.object({ a: z.string().email() }))).toBeNull();
    expect(compileFilter(z.object({ a: z.number().lt(3) }))).toBeNull();
    expect(compileFilter(z.object({ a: z.string().default("x") }))).toBeNull();
  });
});

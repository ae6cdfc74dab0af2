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
import { valueOf } from "./support";

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

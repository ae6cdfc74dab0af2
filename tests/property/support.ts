import fc from "fast-check";
import type { H3Event } from "h3";
import { loadGatewayConfig } from "../../server/utils/config";
import type { Session } from "../../server/utils/session";

export const CONFIG = loadGatewayConfig({
  NITRO_IDENTITY_BASE_URL: "https://identity.internal/api/ussd",
  NITRO_UPSTREAM_BASE_URL: "https://tax.internal/api/ussd",
  NITRO_DOCUMENTS_BASE_URL: "https://docs.internal",
  NITRO_ITAX_BASE_URL: "https://itax.internal/api",
  NITRO_UPSTREAM_API_KEY: "configured-api-key-0123456789",
  NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke",
  NITRO_ENTRY_LINK_SECRET: "property-test-link-secret-0123456789abcdef",
  NITRO_SESSION_ENCRYPTION_KEY: "00".repeat(32),
});

export const SESSION: Session = {
  key: "k",
  record: { msisdn: "254700000001", pin: "A000000001A", token: "session.token.value", state: "active", createdAt: 0, lastSeenAt: 0 },
};

/** Just what the pure route and header functions read from an h3 event. */
export function fakeEvent(method: string, path: string, headers: Record<string, string | string[]> = {}): H3Event {
  return { method, path, node: { req: { headers } }, context: { requestId: "prop-request-0001" } } as unknown as H3Event;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const junk = fc.oneof(
  fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double(), fc.integer(), fc.string({ maxLength: 5 }),
  fc.constant(2 ** 53), fc.constant(-1), fc.constant(1.5), fc.constant([]), fc.constant({}), fc.string({ minLength: 301, maxLength: 310 }),
);

/** Values that mostly follow the schema, with a junk value in place of any part now and then. */
export function valueOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
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

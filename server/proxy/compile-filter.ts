import type { ZodType } from "zod";

/**
 * A response policy compiled once from its zod schema into plain checks, for
 * the hot path. It understands only what the policies use (objects that strip,
 * strings and arrays with a maximum length, finite or safe-integer numbers with
 * a lower bound, booleans, optional, nullable, unions, transforms); a schema
 * with anything else compiles to null and zod itself is used. A value it
 * rejects is re-checked by zod, which decides and names the failing paths, so
 * it can only be as strict as zod or, by mistake, stricter; the property test
 * (tests/property/response-filter.test.ts) holds it to zod's answers.
 */
export const REJECT: unique symbol = Symbol("reject");
export type Filter = (value: unknown) => unknown;

interface Def { type: string; [key: string]: unknown }
interface CheckDef { check: string; maximum?: number; format?: string; value?: number; inclusive?: boolean; pattern?: RegExp }

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => ((def.checks ?? []) as { _zod: { def: CheckDef } }[]).map((check) => check._zod.def);

export function compileFilter(schema: ZodType): Filter | null {
  try {
    return compile(defOf(schema));
  } catch {
    return null;
  }
}

const COMPILERS: Record<string, (def: Def) => Filter> = {
  object: compileObject,
  string: compileString,
  number: compileNumber,
  boolean: () => (value) => (typeof value === "boolean" ? value : REJECT),
  optional: (def) => compileOptional(compile(defOf(def.innerType))),
  nullable: (def) => compileNullable(compile(defOf(def.innerType))),
  array: compileArray,
  union: compileUnion,
  pipe: compilePipe,
};

function compile(def: Def): Filter {
  const compiler = COMPILERS[def.type];
  if (!compiler) throw new Error(`unsupported: ${def.type}`);
  return compiler(def);
}

function compileObject(def: Def): Filter {
  if (def.catchall !== undefined) throw new Error("unsupported: catchall");
  if (def.checks !== undefined && checksOf(def).length > 0) throw new Error("unsupported: object checks");
  const fields = Object.entries(def.shape as Record<string, unknown>).map(([name, schema]) => {
    const fieldDef = defOf(schema);
    return { name, optional: fieldDef.type === "optional", filter: compile(fieldDef) };
  });
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return REJECT;
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      // As zod reads it: an inherited member (`toString`) counts as present, like an own one.
      const read = input[field.name];
      const present = read !== undefined || field.name in input;
      if (!present && field.optional) continue;
      const result = field.filter(read);
      if (result === REJECT) return REJECT;
      output[field.name] = result;
    }
    return output;
  };
}

/** A string's checks: a maximum length and at most one pattern (`.regex`), as zod tests it (lastIndex reset). */
export function stringChecks(def: Def): { max: number; matches?: (value: string) => boolean } {
  if (def.coerce) throw new Error("unsupported: coerce");
  let max = Infinity;
  let pattern: RegExp | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "max_length") max = Math.min(max, check.maximum!);
    else if (check.check === "string_format" && check.format === "regex" && !pattern) pattern = check.pattern!;
    else throw new Error(`unsupported: string ${check.check}`);
  }
  if (!pattern) return { max };
  const regex = pattern;
  return { max, matches: (value) => ((regex.lastIndex = 0), regex.test(value)) };
}

function compileString(def: Def): Filter {
  const { max, matches } = stringChecks(def);
  return (value) => (typeof value === "string" && value.length <= max && (!matches || matches(value)) ? value : REJECT);
}

/** A number's checks: a safe integer or not, and an inclusive lower bound. */
export function numberChecks(def: Def): { integer: boolean; min: number } {
  if (def.coerce) throw new Error("unsupported: coerce");
  let integer = false;
  let min = -Infinity;
  for (const check of checksOf(def)) {
    if (check.check === "number_format" && check.format === "safeint") integer = true;
    else if (check.check === "greater_than" && check.inclusive) min = Math.max(min, check.value!);
    else throw new Error(`unsupported: number ${check.check}`);
  }
  return { integer, min };
}

function compileNumber(def: Def): Filter {
  const { integer, min } = numberChecks(def);
  return (value) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) return REJECT;
    return integer && !Number.isSafeInteger(value) ? REJECT : value;
  };
}

function compileOptional(inner: Filter): Filter {
  return (value) => (value === undefined ? undefined : inner(value));
}

function compileNullable(inner: Filter): Filter {
  return (value) => (value === null ? null : inner(value));
}

/** An array's one check: its maximum length. */
export function arrayMaxLength(def: Def): number {
  let max = Infinity;
  for (const check of checksOf(def)) {
    if (check.check !== "max_length") throw new Error(`unsupported: array ${check.check}`);
    max = Math.min(max, check.maximum!);
  }
  return max;
}

function compileArray(def: Def): Filter {
  const max = arrayMaxLength(def);
  const element = compile(defOf(def.element));
  return (value) => {
    if (!Array.isArray(value) || value.length > max) return REJECT;
    const output = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const result = element(value[i]);
      if (result === REJECT) return REJECT;
      output[i] = result;
    }
    return output;
  };
}

function compileUnion(def: Def): Filter {
  if (def.discriminator !== undefined || def.inclusive === false) throw new Error("unsupported: union kind");
  const options = (def.options as unknown[]).map((option) => compile(defOf(option)));
  return (value) => {
    for (const option of options) {
      const result = option(value);
      if (result !== REJECT) return result;
    }
    return REJECT;
  };
}

function compilePipe(def: Def): Filter {
  const input = compile(defOf(def.in));
  const out = defOf(def.out);
  if (out.type !== "transform") throw new Error("unsupported: pipe");
  const transform = out.transform as (value: unknown) => unknown;
  if (transform.length > 1) throw new Error("unsupported: transform with context");
  return (value) => {
    const result = input(value);
    return result === REJECT ? REJECT : transform(result);
  };
}

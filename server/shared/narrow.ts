// A tiny validator for the browser: whether a value has a shape, with no library (zod is about 25 KB of a
// page's script). It checks, it never transforms. Its one user is returns-read.ts, whose shapes mirror the
// zod schemas of returns-answers.ts; tests/unit/returns-read.test.ts holds both to the same verdicts.

/** Whether a value passes. */
export type Check = (value: unknown) => boolean;

export const isText = (max: number): Check => (value) => typeof value === "string" && value.length <= max;
export const isAnyText: Check = (value) => typeof value === "string";
export const isNumber: Check = (value) => typeof value === "number" && Number.isFinite(value);
export const isInteger: Check = (value) => Number.isSafeInteger(value);
export const isBoolean: Check = (value) => typeof value === "boolean";

export const either = (...checks: Check[]): Check => (value) => checks.some((check) => check(value));
export const optional = (check: Check): Check => (value) => value === undefined || check(value);
export const nullish = (check: Check): Check => (value) => value === undefined || value === null || check(value);

/** A plain object whose named fields pass (others are ignored, as zod's objects strip them). */
export const isObject = (fields: Record<string, Check>): Check => (value) =>
  typeof value === "object" && value !== null && !Array.isArray(value)
  && Object.entries(fields).every(([key, check]) => check((value as Record<string, unknown>)[key]));

/** A list of at most `max` items, each passing. */
export const isList = (item: Check, max: number): Check => (value) => Array.isArray(value) && value.length <= max && value.every(item);

import type { ZodType } from "zod";

/** Field paths (as the gateway reports them, e.g. `items.0.quantity`) that the schema refuses. */
export function invalidFields(schema: ZodType, value: unknown): Set<string> {
  const result = schema.safeParse(value);
  return new Set(result.success ? [] : result.error.issues.map((issue) => issue.path.join(".")));
}

export function gatewayFieldPaths(fields: { path: string }[] | undefined): Set<string> {
  return new Set((fields ?? []).map((field) => field.path));
}

/** Splits a raw request target into its undecoded path and its query parameters. */
export function splitTarget(target: string): { path: string; query: Record<string, string> } {
  const mark = target.indexOf("?");
  if (mark < 0) return { path: target, query: {} };
  const query = Object.fromEntries(new URLSearchParams(target.slice(mark + 1)));
  return { path: target.slice(0, mark), query };
}

export function pathOf(target: string): string {
  const mark = target.indexOf("?");
  return mark < 0 ? target : target.slice(0, mark);
}

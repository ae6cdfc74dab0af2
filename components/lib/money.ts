const formatter = new Intl.NumberFormat("en-KE", { style: "currency", currency: "KES", minimumFractionDigits: 2 });

export function formatMoney(amount: number): string {
  return formatter.format(Number.isFinite(amount) ? amount : 0);
}

/** The most one invoice or line may carry (server/shared/schemas.ts MAX_AMOUNT). */
export const MAX_AMOUNT = 1_000_000_000;

/**
 * An amount as people write it: "1,250.50", "1 250.50" and "1,500" are 1250.50 and 1500. Spaces
 * go; commas only as thousands separators (groups of three), so "1,5" stays refused.
 */
export function ungroup(text: string): string {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replace(/,/g, "") : compact;
}

/** The number in an amount field, or NaN (empty included) for the schema to refuse. */
export function parseAmount(text: string): number {
  const plain = ungroup(text);
  return plain === "" ? NaN : Number(plain);
}

/** Whole shillings for a PRN (the upstream wants an integer; the apps round up). */
export function wholeShillings(amount: number): string {
  return String(Math.ceil(amount));
}

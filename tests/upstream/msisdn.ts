/** The apps' rule (README: Upstream API, transport): digits only, leading 0 → 254, else prefix 254. */
export function normalizeMsisdn(raw: unknown): string {
  const digits = String(raw ?? "").replace(/\D/g, "");
  if (digits === "") return "";
  if (digits.startsWith("254")) return digits;
  if (digits.startsWith("0")) return `254${digits.slice(1)}`;
  return `254${digits}`;
}

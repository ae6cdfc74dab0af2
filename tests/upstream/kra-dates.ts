// Dates as the KRA endpoints write them: DD/MM/YYYY (iTax periods, TOT/MRI PRNs) or
// DD-MM-YYYY (AHL/NITA PRNs), in Nairobi time (UTC+3, no daylight saving).

export interface DayDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const SLASHED = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DASHED = /^(\d{2})-(\d{2})-(\d{4})$/;
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;

export type DateSeparator = "/" | "-";

/** A real calendar day written DD{sep}MM{sep}YYYY, or undefined. */
export function parseKraDate(text: unknown, separator: DateSeparator): DayDate | undefined {
  const match = (separator === "/" ? SLASHED : DASHED).exec(String(text ?? ""));
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** "DD/MM/YYYY - DD/MM/YYYY" (UPSTREAM.md §7.3), from not after to. */
export function parsePeriod(text: unknown): { from: DayDate; to: DayDate } | undefined {
  const [fromText, toText, extra] = String(text ?? "").split(" - ");
  if (extra !== undefined) return undefined;
  const from = parseKraDate(fromText, "/");
  const to = parseKraDate(toText, "/");
  return from && to && compareDays(from, to) <= 0 ? { from, to } : undefined;
}

export function formatKraDate({ year, month, day }: DayDate, separator: DateSeparator = "/"): string {
  return [String(day).padStart(2, "0"), String(month).padStart(2, "0"), String(year)].join(separator);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function compareDays(a: DayDate, b: DayDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function nairobiToday(): DayDate {
  const now = new Date(Date.now() + NAIROBI_OFFSET_MS);
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/** The whole calendar month `offset` months after the one containing `day`. */
export function monthOf(day: DayDate, offset = 0): { from: DayDate; to: DayDate } {
  const index = day.year * 12 + (day.month - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { from: { year, month, day: 1 }, to: { year, month, day: daysInMonth(year, month) } };
}

export function isWholeMonth(from: DayDate, to: DayDate): boolean {
  const month = monthOf(from);
  return compareDays(month.from, from) === 0 && compareDays(month.to, to) === 0;
}

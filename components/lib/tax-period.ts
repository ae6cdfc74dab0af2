/** Today in Nairobi as DD/MM/YYYY (daily TOT files today for both dates). */
export function todayInKenya(): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
}

/** Whether a period ending on `to` (DD/MM/YYYY) is over on `today` (DD/MM/YYYY): the day after its last day. */
export function periodHasEnded(to: string, today: string): boolean {
  const key = (date: string) => date.split("/").reverse().join("");
  return /^\d{2}\/\d{2}\/\d{4}$/.test(to) && key(to) < key(today);
}

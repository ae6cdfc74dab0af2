import type { Outcome } from "../../server/shared/returns";
import { createSubmission } from "./submission";

/**
 * A returns or payments call: the gateway's refusals as usual, and a 2xx the
 * upstream did not mean as a success (server/shared/returns.ts decides) shown
 * with the upstream's own sentence.
 */
export function createReturnsCall() {
  const submission = createSubmission();
  const run = async <T>(
    method: "GET" | "POST", path: string, body: unknown, read: (answer: unknown) => Outcome<T>,
  ): Promise<{ value: T } | undefined> => {
    const result = await submission.send<unknown>(method, path, body);
    if (!result.ok) return undefined;
    const outcome = read(result.data);
    if (outcome.ok) return { value: outcome.value };
    submission.setProblem({ kind: "business", message: outcome.message });
    return undefined;
  };
  return { ...submission, run };
}

/** Today in Nairobi as DD/MM/YYYY (daily TOT files today for both dates). */
export function todayInKenya(): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
}

/** Whole shillings for a PRN (the upstream wants an integer; the apps round up). */
export function wholeShillings(amount: number): string {
  return String(Math.ceil(amount));
}

/** Whether a period ending on `to` (DD/MM/YYYY) is over on `today` (DD/MM/YYYY): the day after its last day. */
export function periodHasEnded(to: string, today: string): boolean {
  const key = (date: string) => date.split("/").reverse().join("");
  return /^\d{2}\/\d{2}\/\d{4}$/.test(to) && key(to) < key(today);
}

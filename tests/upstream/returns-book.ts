import { formatKraDate, monthOf, nairobiToday, type DayDate } from "./kra-dates";
import { SEEDED_PRNS, type SeededPrn } from "./returns-fixtures";
import type { StkPush } from "./types";

const ANNUAL_OBLIGATIONS = new Set(["2"]);

export interface Period {
  from: DayDate;
  to: DayDate;
}

/** Filed returns, PRNs and M-Pesa pushes of one simulated upstream. */
export class ReturnsBook {
  private readonly filed = new Set<string>();
  private readonly prns = new Map<string, SeededPrn>();
  readonly pushes: StkPush[] = [];
  private serial = 0;

  constructor() {
    for (const seeded of SEEDED_PRNS) this.prns.set(seeded.prn, seeded);
  }

  isFiled(pin: string, obligationId: string, from: DayDate): boolean {
    return this.filed.has(filingKey(pin, obligationId, from));
  }

  file(pin: string, obligationId: string, from: DayDate): string {
    this.filed.add(filingKey(pin, obligationId, from));
    return `KRA${formatKraDate(nairobiToday(), "-").split("-").reverse().join("")}${this.next(7)}`;
  }

  /** The earliest unfiled period: from last month (last year for ITR) on. */
  nextPeriod(pin: string, obligationId: string): Period {
    const annual = ANNUAL_OBLIGATIONS.has(obligationId);
    for (let offset = 0; ; offset += 1) {
      const period = annual ? yearOf(nairobiToday().year - 1 + offset) : monthOf(nairobiToday(), offset - 1);
      if (!this.isFiled(pin, obligationId, period.from)) return period;
    }
  }

  issuePrn(pin: string, obligationId: string, amount: number): string {
    const prn = `11${nairobiToday().year}${this.next(10)}`;
    this.prns.set(prn, { prn, pin, obligationId, amount });
    return prn;
  }

  findPrn(prn: string): SeededPrn | undefined {
    return this.prns.get(prn);
  }

  private next(width: number): string {
    this.serial += 1;
    return String(this.serial).padStart(width, "0");
  }
}

function filingKey(pin: string, obligationId: string, from: DayDate): string {
  return `${pin.toUpperCase()}|${obligationId}|${formatKraDate(from)}`;
}

function yearOf(year: number): Period {
  return { from: { year, month: 1, day: 1 }, to: { year, month: 12, day: 31 } };
}

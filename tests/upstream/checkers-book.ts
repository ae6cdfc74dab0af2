import { SEEDED_TCCS, type TccRecord } from "./checkers-fixtures";
import { formatKraDate, nairobiToday } from "./kra-dates";

/** Tax compliance certificates: the seeded ones and those issued by tcc-application. */
export class CheckersBook {
  private readonly tccs = new Map<string, TccRecord>(SEEDED_TCCS.map((tcc) => [tcc.tccNo, tcc]));
  private serial = 100;

  findTcc(pin: string, tccNo: string): TccRecord | undefined {
    const found = this.tccs.get(tccNo.trim().toUpperCase());
    return found && found.kraPin === pin.trim().toUpperCase() ? found : undefined;
  }

  issueTcc(pin: string): TccRecord {
    const today = formatKraDate(nairobiToday(), "-").split("-").reverse().join("-");
    const year = today.slice(0, 4);
    const tcc = { kraPin: pin, tccNo: `KRATCC${String(++this.serial).padStart(10, "0")}`, tccStatus: "Active", tccIssueDate: today, tccExpiryDate: `${year}-12-31` };
    this.tccs.set(tcc.tccNo, tcc);
    return tcc;
  }
}

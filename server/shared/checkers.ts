import { refusalText, type Outcome } from "./returns";

// The one place the checkers' and the TCC application's answers are read (README: Upstream API,
// checkers; TCC and PIN registration), over the fields their response policies keep (server/proxy/policies/checkers.ts).
// A check found nothing when the record's key is missing; the upstream's `message` says why.

type Answer = Record<string, unknown>;
const record = (value: unknown): Answer => (value && typeof value === "object" && !Array.isArray(value) ? (value as Answer) : {});
const str = (value: unknown): string | undefined =>
  (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined);

/** One line of a result: which label, and the value as the upstream wrote it (dates as dd/mm/yyyy). */
export type ResultRow = [label: CheckerLabel, value: string];

/**
 * What a found record's status means for the person checking: only a status this file knows
 * as good is "good" (green); a known bad one is "ended" or "suspended" (red); anything else,
 * a missing status included, is "unknown" (amber), never green.
 */
export type Standing = "good" | "ended" | "suspended" | "unknown";
export type StatusWord = "active" | "valid" | "exited" | "expired" | "cancelled" | "inactive" | "suspended";
export interface StatusReading { standing: Standing; word?: StatusWord; raw?: string }
export interface CheckerFinding { rows: ResultRow[]; verdict: StatusReading }

const GOOD: Record<string, StatusWord> = {
  active: "active", valid: "valid", ok: "valid", approved: "valid", issued: "valid", current: "valid", genuine: "valid",
  inservice: "active", serving: "active",
};
// Stems, matched anywhere in the letters of the status ("CANCELED", "Expired-2024", "EXIT"): any spelling upstream.
const BAD: [stem: string, word: StatusWord, standing: Standing][] = [
  ["suspend", "suspended", "suspended"], ["interdict", "suspended", "suspended"], ["onhold", "suspended", "suspended"],
  ["blocked", "suspended", "suspended"], ["frozen", "suspended", "suspended"],
  ["exit", "exited", "ended"], ["terminat", "exited", "ended"], ["dismiss", "exited", "ended"], ["resign", "exited", "ended"],
  ["retire", "exited", "ended"], ["deceas", "exited", "ended"], ["left", "exited", "ended"],
  ["expir", "expired", "ended"], ["lapse", "expired", "ended"],
  ["cancel", "cancelled", "ended"], ["revok", "cancelled", "ended"], ["withdraw", "cancelled", "ended"], ["invalid", "cancelled", "ended"],
  ["void", "cancelled", "ended"], ["deregist", "cancelled", "ended"], ["reject", "cancelled", "ended"], ["closed", "cancelled", "ended"],
  ["inactiv", "inactive", "ended"], ["dormant", "inactive", "ended"], ["notactive", "inactive", "ended"], ["notvalid", "cancelled", "ended"],
];

/** A record's status as the upstream spelled it, read into what it means. */
export function readStatus(value: unknown): StatusReading {
  const raw = str(value);
  if (raw === undefined) return { standing: "unknown" };
  const letters = raw.toLowerCase().replace(/[^a-z]/g, "");
  if (Object.hasOwn(GOOD, letters)) return { standing: "good", word: GOOD[letters], raw };
  const bad = BAD.find(([stem]) => letters.includes(stem));
  return bad ? { standing: bad[2], word: bad[1], raw } : { standing: "unknown", raw };
}

/** yyyy-mm-dd (with or without a time), dd/mm/yyyy or dd-mm-yyyy as the rest of the app writes dates: dd/mm/yyyy. */
export function formatRecordDate(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const dmy = /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(value);
  return dmy ? `${dmy[1]}/${dmy[2]}/${dmy[3]}` : value;
}

/** The same date as yyyy-mm-dd, for comparing, or undefined when it is not one. */
function sortableDate(value: unknown): string | undefined {
  const shown = str(value) && formatRecordDate(str(value)!);
  const match = shown && /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(shown);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
}

/** Today in Nairobi (UTC+3, no daylight saving) as yyyy-mm-dd. */
export const nairobiToday = (now = Date.now()): string => new Date(now + 3 * 3_600_000).toISOString().slice(0, 10);
export type CheckerLabel =
  | "name" | "station" | "department" | "region" | "status" | "pin" | "tccNumber" | "issued" | "expires"
  | "certificate" | "invoice" | "date" | "supplier" | "total" | "taxable" | "tax";

const DATES = new Set<CheckerLabel>(["issued", "expires", "date"]);

function rows(pairs: [CheckerLabel, unknown][]): ResultRow[] {
  return pairs.flatMap(([label, value]) => {
    const text = str(value);
    if (text === undefined) return [];
    return [[label, DATES.has(label) ? formatRecordDate(text) : text] as ResultRow];
  });
}

/** A record without a status of its own (a PIN, an invoice) is good by being found. */
const FOUND: StatusReading = { standing: "good" };

const found = (answer: unknown, key: unknown, pairs: [CheckerLabel, unknown][], verdict = FOUND): Outcome<CheckerFinding> =>
  (str(key) === undefined ? { ok: false, message: refusalText(answer) } : { ok: true, value: { rows: rows(pairs), verdict } });

export function readPinCheck(answer: unknown): Outcome<CheckerFinding> {
  const body = record(answer);
  return found(answer, body.TaxpayerName, [["name", body.TaxpayerName], ["station", body.Station]]);
}

export function readStaffCheck(answer: unknown): Outcome<CheckerFinding> {
  const body = record(answer);
  const name = [str(body.OTHERNAMES), str(body.SURNAME)].filter(Boolean).join(" ");
  const pairs: [CheckerLabel, unknown][] = [["name", name], ["department", body.DEPTNAME], ["region", body.REGIONNAME], ["status", body.STATUS]];
  return found(answer, name, pairs, readStatus(body.STATUS));
}

/** A TCC past its expiry date is expired, whatever its status says. */
export function readTccCheck(answer: unknown, today = nairobiToday()): Outcome<CheckerFinding> {
  const tcc = record(record(answer).TCCDATA);
  const expiry = sortableDate(tcc.tccExpiryDate);
  const status = readStatus(tcc.tccStatus);
  const verdict: StatusReading = expiry !== undefined && expiry < today ? { standing: "ended", word: "expired", raw: status.raw } : status;
  return found(answer, tcc.tccNo, [
    ["tccNumber", tcc.tccNo], ["pin", tcc.kraPin], ["status", tcc.tccStatus], ["issued", tcc.tccIssueDate], ["expires", tcc.tccExpiryDate],
  ], verdict);
}

export function readImportCertificate(answer: unknown): Outcome<CheckerFinding> {
  const list = record(record(answer).importCertificate_Dtls).importCertDtls;
  const first = record(Array.isArray(list) ? list[0] : undefined);
  const pairs: [CheckerLabel, unknown][] = [["certificate", first.certiNo], ["issued", first.issueDt], ["status", first.statusFlag]];
  return found(answer, first.certiNo, pairs, readStatus(first.statusFlag));
}

export function readInvoiceCheck(answer: unknown): Outcome<CheckerFinding> {
  const data = record(record(answer).data);
  return found(answer, data.controlUnitInvoiceNumber, [
    ["invoice", data.controlUnitInvoiceNumber], ["date", data.salesDate], ["supplier", data.supplierName],
    ["total", data.totalInvoiceAmount], ["taxable", data.totalTaxableAmount], ["tax", data.totalTaxAmount],
  ]);
}

/** A TCC application succeeded with any of `Status:"OK"`, `TCCNumber`, `tcc_number`, `success`. */
export function readTccApplication(answer: unknown): Outcome<{ number?: string; message?: string }> {
  const body = record(answer);
  const number = str(body.TCCNumber) ?? str(body.tcc_number);
  if (body.Status !== "OK" && !number && body.success !== true) return { ok: false, message: refusalText(answer) };
  return { ok: true, value: { number, message: str(body.Message) ?? str(body.message) } };
}

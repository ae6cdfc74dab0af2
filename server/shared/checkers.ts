import { refusalText, type Outcome } from "./returns";

// The one place the checkers' and the TCC application's answers are read (README: Upstream API,
// checkers; TCC and PIN registration), over the fields their response policies keep (server/utils/checker-responses.ts).
// A check found nothing when the record's key is missing; the upstream's `message` says why.

type Answer = Record<string, unknown>;
const record = (value: unknown): Answer => (value && typeof value === "object" && !Array.isArray(value) ? (value as Answer) : {});
const str = (value: unknown): string | undefined =>
  (typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined);

/** One line of a result: which label, and the value as the upstream wrote it. */
export type ResultRow = [label: CheckerLabel, value: string];
export type CheckerLabel =
  | "name" | "station" | "department" | "region" | "status" | "pin" | "tccNumber" | "issued" | "expires"
  | "certificate" | "invoice" | "date" | "supplier" | "total" | "taxable" | "tax";

function rows(pairs: [CheckerLabel, unknown][]): ResultRow[] {
  return pairs.flatMap(([label, value]) => (str(value) === undefined ? [] : [[label, str(value)!] as ResultRow]));
}

const found = (answer: unknown, key: unknown, pairs: [CheckerLabel, unknown][]): Outcome<ResultRow[]> =>
  (str(key) === undefined ? { ok: false, message: refusalText(answer) } : { ok: true, value: rows(pairs) });

export function readPinCheck(answer: unknown): Outcome<ResultRow[]> {
  const body = record(answer);
  return found(answer, body.TaxpayerName, [["name", body.TaxpayerName], ["station", body.Station]]);
}

export function readStaffCheck(answer: unknown): Outcome<ResultRow[]> {
  const body = record(answer);
  const name = [str(body.OTHERNAMES), str(body.SURNAME)].filter(Boolean).join(" ");
  return found(answer, name, [["name", name], ["department", body.DEPTNAME], ["region", body.REGIONNAME], ["status", body.STATUS]]);
}

export function readTccCheck(answer: unknown): Outcome<ResultRow[]> {
  const tcc = record(record(answer).TCCDATA);
  return found(answer, tcc.tccNo, [
    ["tccNumber", tcc.tccNo], ["pin", tcc.kraPin], ["status", tcc.tccStatus], ["issued", tcc.tccIssueDate], ["expires", tcc.tccExpiryDate],
  ]);
}

export function readImportCertificate(answer: unknown): Outcome<ResultRow[]> {
  const list = record(record(answer).importCertificate_Dtls).importCertDtls;
  const first = record(Array.isArray(list) ? list[0] : undefined);
  return found(answer, first.certiNo, [["certificate", first.certiNo], ["issued", first.issueDt], ["status", first.statusFlag]]);
}

export function readInvoiceCheck(answer: unknown): Outcome<ResultRow[]> {
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

import { describe, expect, it } from "vitest";
import {
  formatRecordDate, nairobiToday, readImportCertificate, readInvoiceCheck, readPinCheck, readStaffCheck, readStatus, readTccApplication, readTccCheck,
} from "../../server/shared/checkers";

const GOOD = { standing: "good" };

// The pure readers behind every checker page and the TCC application (UPSTREAM.md §7.1, §7.9).

describe("checkers: a record's key means found, its absence means the message", () => {
  it("PIN checker: name and station", () => {
    expect(readPinCheck({ TaxpayerName: "JANE", Station: "Thika" })).toEqual({ ok: true, value: { rows: [["name", "JANE"], ["station", "Thika"]], verdict: GOOD } });
    expect(readPinCheck({ TaxpayerName: "JANE" })).toEqual({ ok: true, value: { rows: [["name", "JANE"]], verdict: GOOD } });
    expect(readPinCheck({ message: "Invalid PIN" })).toEqual({ ok: false, message: "Invalid PIN" });
    expect(readPinCheck({ TaxpayerName: " ", Station: "Thika" })).toEqual({ ok: false, message: undefined });
  });

  it("staff checker: names joined, then department, region, status", () => {
    expect(readStaffCheck({ OTHERNAMES: "TEST STAFF", SURNAME: "ONE", DEPTNAME: "DT", REGIONNAME: "NR", STATUS: "ACTIVE" })).toEqual({
      ok: true, value: {
        rows: [["name", "TEST STAFF ONE"], ["department", "DT"], ["region", "NR"], ["status", "ACTIVE"]],
        verdict: { standing: "good", word: "active", raw: "ACTIVE" },
      },
    });
    expect(readStaffCheck({ Message: "Not staff", Status: "NOK" })).toEqual({ ok: false, message: "Not staff" });
  });

  it("TCC: found by its number", () => {
    const TCCDATA = { kraPin: "A000000001A", tccNo: "KRATCC1", tccStatus: "Active", tccIssueDate: "2026-01-15", tccExpiryDate: "2026-12-31" };
    expect(readTccCheck({ TCCDATA }, "2026-12-07")).toEqual({
      ok: true,
      value: {
        rows: [["tccNumber", "KRATCC1"], ["pin", "A000000001A"], ["status", "Active"], ["issued", "15/01/2026"], ["expires", "31/12/2026"]],
        verdict: { standing: "good", word: "active", raw: "Active" },
      },
    });
    // Past its expiry date, an "Active" certificate is expired; on its last day it is still good.
    expect(readTccCheck({ TCCDATA }, "2027-01-01")).toMatchObject({ ok: true, value: { verdict: { standing: "ended", word: "expired" } } });
    expect(readTccCheck({ TCCDATA: { ...TCCDATA, tccExpiryDate: "31/12/2026" } }, "2026-12-31")).toMatchObject({ value: { verdict: GOOD } });
    expect(readTccCheck({ TCCDATA: null, message: "Invalid TCC" })).toEqual({ ok: false, message: "Invalid TCC" });
  });

  it("import certificate: the first certificate listed", () => {
    const answer = { importCertificate_Dtls: { importCertDtls: [{ certiNo: "IC1", issueDt: "2026-03-02", statusFlag: "Valid" }] } };
    expect(readImportCertificate(answer)).toEqual({
      ok: true, value: { rows: [["certificate", "IC1"], ["issued", "02/03/2026"], ["status", "Valid"]], verdict: { standing: "good", word: "valid", raw: "Valid" } },
    });
    expect(readImportCertificate({ importCertificate_Dtls: { importCertDtls: [] } }).ok).toBe(false);
  });

  it("invoice number: amounts as numbers or strings", () => {
    const data = { controlUnitInvoiceNumber: "KRACU1/7", salesDate: "2026-11-30", supplierName: "S", totalInvoiceAmount: 116, totalTaxableAmount: "100", totalTaxAmount: 16 };
    expect(readInvoiceCheck({ data })).toEqual({
      ok: true,
      value: { rows: [["invoice", "KRACU1/7"], ["date", "30/11/2026"], ["supplier", "S"], ["total", "116"], ["taxable", "100"], ["tax", "16"]], verdict: GOOD },
    });
    expect(readInvoiceCheck({ errors: { detail: "Not found" } })).toEqual({ ok: false, message: "Not found" });
  });
});

describe("TCC application (§7.9): any of the app's success signals", () => {
  it.each([
    ["Status OK", { Status: "OK", Message: "Submitted" }, { number: undefined, message: "Submitted" }],
    ["TCCNumber", { TCCNumber: "KRATCC2" }, { number: "KRATCC2", message: undefined }],
    ["tcc_number", { tcc_number: "KRATCC3", message: "ok" }, { number: "KRATCC3", message: "ok" }],
    ["success", { success: true }, { number: undefined, message: undefined }],
  ])("%s", (_, answer, value) => {
    expect(readTccApplication(answer)).toEqual({ ok: true, value });
  });

  it("anything else is a refusal with its text", () => {
    expect(readTccApplication({ Status: "NOK", Message: "You owe tax" })).toEqual({ ok: false, message: "You owe tax" });
    expect(readTccApplication({ success: false })).toEqual({ ok: false, message: undefined });
  });
});

describe("a record's status, whatever its spelling upstream: green only for active or valid", () => {
  it.each([
    ["ACTIVE", "good", "active"], ["Active", "good", "active"], [" valid ", "good", "valid"], ["In Service", "good", "active"], ["OK", "good", "valid"],
    ["EXITED", "ended", "exited"], ["Exit", "ended", "exited"], ["TERMINATED", "ended", "exited"],
    ["Expired", "ended", "expired"], ["EXPIRED-2024", "ended", "expired"], ["Lapsed", "ended", "expired"],
    ["Cancelled", "ended", "cancelled"], ["CANCELED", "ended", "cancelled"], ["Revoked", "ended", "cancelled"], ["INVALID", "ended", "cancelled"],
    ["Not Valid", "ended", "cancelled"], ["InActive", "ended", "inactive"], ["NOT_ACTIVE", "ended", "inactive"], ["Dormant", "ended", "inactive"],
    ["SUSPENDED", "suspended", "suspended"], ["suspended pending review", "suspended", "suspended"], ["Interdicted", "suspended", "suspended"],
  ])("%s is %s (%s)", (raw, standing, word) => {
    expect(readStatus(raw)).toEqual({ standing, word, raw: raw.trim() });
  });

  it.each(["ON SECONDMENT", "PENDING VERIFICATION", "A", "Y", "1", "Actively reviewed"])("%s is unknown: amber, never green", (raw) => {
    expect(readStatus(raw)).toEqual({ standing: "unknown", raw });
  });

  it("a missing or empty status is unknown", () => {
    for (const value of [undefined, null, "", "  ", {}]) expect(readStatus(value)).toEqual({ standing: "unknown" });
    expect(readStaffCheck({ OTHERNAMES: "A", SURNAME: "B" })).toMatchObject({ ok: true, value: { verdict: { standing: "unknown" } } });
    expect(readImportCertificate({ importCertificate_Dtls: { importCertDtls: [{ certiNo: "IC1" }] } })).toMatchObject({ value: { verdict: { standing: "unknown" } } });
  });

  it("dates as dd/mm/yyyy; Nairobi's today", () => {
    expect(["2026-03-02", "2026-03-02T10:00:00Z", "02/03/2026", "02-03-2026", "March 2"].map(formatRecordDate))
      .toEqual(["02/03/2026", "02/03/2026", "02/03/2026", "02/03/2026", "March 2"]);
    expect(nairobiToday(Date.parse("2026-12-06T21:30:00Z"))).toBe("2026-12-07");
  });
});

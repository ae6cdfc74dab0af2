import { describe, expect, it } from "vitest";
import {
  readImportCertificate, readInvoiceCheck, readPinCheck, readStaffCheck, readTccApplication, readTccCheck,
} from "../../server/shared/checkers";

// The pure readers behind every checker page and the TCC application (UPSTREAM.md §7.1, §7.9).

describe("checkers: a record's key means found, its absence means the message", () => {
  it("PIN checker: name and station", () => {
    expect(readPinCheck({ TaxpayerName: "JANE", Station: "Thika" })).toEqual({ ok: true, value: [["name", "JANE"], ["station", "Thika"]] });
    expect(readPinCheck({ TaxpayerName: "JANE" })).toEqual({ ok: true, value: [["name", "JANE"]] });
    expect(readPinCheck({ message: "Invalid PIN" })).toEqual({ ok: false, message: "Invalid PIN" });
    expect(readPinCheck({ TaxpayerName: " ", Station: "Thika" })).toEqual({ ok: false, message: undefined });
  });

  it("staff checker: names joined, then department, region, status", () => {
    expect(readStaffCheck({ OTHERNAMES: "TEST STAFF", SURNAME: "ONE", DEPTNAME: "DT", REGIONNAME: "NR", STATUS: "ACTIVE" })).toEqual({
      ok: true, value: [["name", "TEST STAFF ONE"], ["department", "DT"], ["region", "NR"], ["status", "ACTIVE"]],
    });
    expect(readStaffCheck({ Message: "Not staff", Status: "NOK" })).toEqual({ ok: false, message: "Not staff" });
  });

  it("TCC: found by its number", () => {
    const TCCDATA = { kraPin: "A000000001A", tccNo: "KRATCC1", tccStatus: "Active", tccIssueDate: "2026-01-15", tccExpiryDate: "2026-12-31" };
    expect(readTccCheck({ TCCDATA })).toEqual({
      ok: true,
      value: [["tccNumber", "KRATCC1"], ["pin", "A000000001A"], ["status", "Active"], ["issued", "2026-01-15"], ["expires", "2026-12-31"]],
    });
    expect(readTccCheck({ TCCDATA: null, message: "Invalid TCC" })).toEqual({ ok: false, message: "Invalid TCC" });
  });

  it("import certificate: the first certificate listed", () => {
    const answer = { importCertificate_Dtls: { importCertDtls: [{ certiNo: "IC1", issueDt: "2026-03-02", statusFlag: "Valid" }] } };
    expect(readImportCertificate(answer)).toEqual({ ok: true, value: [["certificate", "IC1"], ["issued", "2026-03-02"], ["status", "Valid"]] });
    expect(readImportCertificate({ importCertificate_Dtls: { importCertDtls: [] } }).ok).toBe(false);
  });

  it("invoice number: amounts as numbers or strings", () => {
    const data = { controlUnitInvoiceNumber: "KRACU1/7", salesDate: "2026-11-30", supplierName: "S", totalInvoiceAmount: 116, totalTaxableAmount: "100", totalTaxAmount: 16 };
    expect(readInvoiceCheck({ data })).toEqual({
      ok: true,
      value: [["invoice", "KRACU1/7"], ["date", "2026-11-30"], ["supplier", "S"], ["total", "116"], ["taxable", "100"], ["tax", "16"]],
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

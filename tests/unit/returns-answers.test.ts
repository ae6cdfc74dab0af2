import { describe, expect, it } from "vitest";
import {
  filingSuccessForm, prnDate, readCalculation, readFiling, readLiabilities, readObligations, readPayment, readPeriod,
  readPrn, readProperties, refusalText,
} from "../../server/shared/returns";

// One case per documented form (UPSTREAM.md §7): the pure readers behind every returns page.

describe("file-return success forms (§7.4)", () => {
  it.each([
    ["code 1", { code: 1, message: "Filed" }, "code"],
    ["code 200", { code: 200 }, "code"],
    ["success:true", { success: true }, "success"],
    ["response.Status OK", { response: { Status: "OK", AckNumber: "ACK1" } }, "response-status"],
    ["ResponseCode 87000 (TOT)", { response: { ResponseCode: "87000", AckNumber: "ACK2", PRN: "P1", TaxPayable: 1500 } }, "response-code"],
    ["ResponseCode 88000 (MRI)", { response: { ResponseCode: "88000", AckNumber: "ACK3" } }, "response-code"],
    ["root prn plus tax_due (TOT daily)", { prn: "1120250000000001", tax_due: 15 }, "prn-tax-due"],
  ])("%s", (_, answer, form) => {
    expect(filingSuccessForm(answer)).toBe(form);
    expect(readFiling(answer).ok).toBe(true);
  });

  it("reads the acknowledgement, PRN and tax from the nested form and the root form", () => {
    expect(readFiling({ response: { ResponseCode: "87000", AckNumber: "ACK2", PRN: "P1", TaxPayable: 1500, Message: "ok" } }))
      .toEqual({ ok: true, value: { ack: "ACK2", prn: "P1", taxDue: 1500, message: "ok" } });
    expect(readFiling({ prn: "P9", tax_due: "15" })).toEqual({ ok: true, value: { prn: "P9", taxDue: 15 } });
  });

  it.each([
    ["another ResponseCode", { response: { ResponseCode: "86000" } }],
    ["code 0", { code: 0, message: "No" }],
    ["success:false", { success: false }],
    ["prn without tax_due", { prn: "P1" }],
    ["a bare message with a 2xx", { message: "Try later" }],
  ])("%s is not a success", (_, answer) => {
    expect(filingSuccessForm(answer)).toBeNull();
  });
});

describe("refusal text (ErrorCode, then Message, then message, then errors.detail)", () => {
  it.each([
    [{ ErrorCode: "Return already filed", Message: "m", message: "x", errors: { detail: "d" } }, "Return already filed"],
    [{ Message: "Invalid tax period", message: "x", errors: { detail: "d" } }, "Invalid tax period"],
    [{ message: "Special Obligation cannot be Autopopulated", errors: { detail: "d" } }, "Special Obligation cannot be Autopopulated"],
    [{ errors: { detail: "Internal Server Error" } }, "Internal Server Error"],
    [{ Status: "NOK" }, undefined],
  ])("%j", (answer, text) => {
    expect(refusalText(answer)).toBe(text);
    expect(readFiling(answer)).toEqual({ ok: false, message: text });
  });
});

describe("the other endpoints' forms", () => {
  it("calculation: tax_due, total_tax or total_amount", () => {
    for (const key of ["tax_due", "total_tax", "total_amount"]) expect(readCalculation({ [key]: 1500 })).toEqual({ ok: true, value: 1500 });
    expect(readCalculation({ ErrorCode: "No" })).toEqual({ ok: false, message: "No" });
  });

  it("obligations: recorded, wrapped and array lists", () => {
    const expected = { ok: true, value: [{ id: "8", name: "Turnover Tax" }] };
    expect(readObligations([{ kra_obligation_id: "8", name: "Turnover Tax", description: "Turnover Tax" }])).toEqual(expected);
    expect(readObligations({ obligations: [{ obligation_id: "8", obligation_name: "Turnover Tax" }] })).toEqual(expected);
    expect(readObligations([{ id: 8, name: "Turnover Tax" }])).toEqual(expected);
    expect(readObligations({ message: "No" })).toEqual({ ok: false, message: "No" });
  });

  it("filling period: status OK with trp dates, or periods[]", () => {
    const value = { from: "01/10/2025", to: "31/10/2025", text: "01/10/2025 - 31/10/2025" };
    expect(readPeriod({ status: "OK", trpFromDate: "01/10/2025", trpToDate: "31/10/2025" })).toEqual({ ok: true, value });
    expect(readPeriod({ status: "OK", periods: ["01/10/2025 - 31/10/2025"] })).toEqual({ ok: true, value });
    expect(readPeriod({ message: "Special Obligation cannot be Autopopulated" }).ok).toBe(false);
  });

  it("liabilities and properties: Status OK or their ResponseCode", () => {
    const item = { TaxPeriodFrom: "01/09/2025", TaxPeriodTo: "30/09/2025", PrincipalAmount: 100, PenaltyAmount: 10, InterestAmount: 1, FineAmount: 0, TotalAmount: 111 };
    for (const form of [{ Status: "OK" }, { ResponseCode: "30000" }]) {
      expect(readLiabilities({ ...form, LiabilitiesList: [item] })).toMatchObject({ ok: true, value: [{ principal: 100, total: 111 }] });
    }
    expect(readLiabilities({ ResponseCode: "20000" }).ok).toBe(false);
    for (const form of [{ Status: "OK" }, { ResponseCode: "20000" }]) {
      expect(readProperties({ ...form, PropertiesList: [{ PropertyRegId: "P1", Building: "B" }] })).toMatchObject({ ok: true, value: [{ id: "P1" }] });
    }
    expect(readProperties({ Message: "No PIN", Status: "NOK" })).toEqual({ ok: false, message: "No PIN" });
  });

  it("PRN: PaymentRegNo with Status OK or ResponseCode 50000, or a bare prn", () => {
    for (const form of [{ Status: "OK" }, { ResponseCode: "50000" }, { Status: "OK", ResponseCode: "50000" }]) {
      expect(readPrn({ ...form, PaymentRegNo: "112025" })).toEqual({ ok: true, value: "112025" });
    }
    expect(readPrn({ prn: "112026" })).toEqual({ ok: true, value: "112026" });
    expect(readPrn({ Status: "NOK", PaymentRegNo: "112025", Message: "Invalid" })).toEqual({ ok: false, message: "Invalid" });
  });

  it("make-payment: status 200 or desc ok", () => {
    expect(readPayment({ status: 200, message: "sent" })).toEqual({ ok: true, value: "sent" });
    expect(readPayment({ desc: "ok" }).ok).toBe(true);
    expect(readPayment({ message: "No" })).toEqual({ ok: false, message: "No" });
  });

  it("PRN dates: DD-MM-YYYY for AHL and NITA, DD/MM/YYYY otherwise", () => {
    expect(prnDate("41", "01/10/2025")).toBe("01-10-2025");
    expect(prnDate("42", "01/10/2025")).toBe("01-10-2025");
    expect(prnDate("8", "01-10-2025")).toBe("01/10/2025");
  });
});

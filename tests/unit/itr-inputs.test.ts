import { describe, expect, it } from "vitest";
import { createdBody } from "../../server/shared/itr-answers";
import { readEmployment } from "../../server/shared/itr";
import { kesAmount } from "../../server/shared/itr-schemas";
import { lastReturnYear } from "../../server/shared/itr-year";

// Issue 23's readers and request schemas at their edges: what the gateway must refuse, not round.

describe("a KES amount has at most 2 decimals, exactly", () => {
  it("takes whole cents and refuses anything finer, however small", () => {
    for (const ok of [0, 10, 10.01, 1.15, 0.07, 999_999_999.99]) expect([ok, kesAmount.safeParse(ok).success]).toEqual([ok, true]);
    for (const bad of [10.000000001, 10.001, 0.005, 10.0000001]) expect([bad, kesAmount.safeParse(bad).success]).toEqual([bad, false]);
  });
});

describe("itr-create's ids are safe integers or short tokens", () => {
  it("refuses a numeric id beyond 2^53, which would name another draft once rounded", () => {
    expect(createdBody.safeParse({ id: 2 ** 53, tax_due: 0 }).success).toBe(false);
    expect(createdBody.safeParse({ id: 2 ** 53 - 1, tax_due: 0 }).success).toBe(true);
    expect(createdBody.safeParse({ id: 7, tax_payer_id: 2 ** 60, tax_due: 0 }).success).toBe(false);
  });
});

describe("an employer row is read only whole", () => {
  const row = { employerName: "A", employerPin: "P051000005E", grossPay: 100, taxablePay: 90, taxPayableOnTaxablePay: 10, PAYEDeducted: 10, pension: 10 };
  it("reads a complete row, and refuses one without its PIN or a figure (nothing is filled in as 0 or empty)", () => {
    expect(readEmployment({ DETAILS: [row] })).toMatchObject({ ok: true, value: { employers: [{ pin: "P051000005E", paye: 10 }] } });
    for (const field of ["employerPin", "grossPay", "taxablePay", "taxPayableOnTaxablePay", "PAYEDeducted", "pension"]) {
      const { [field as keyof typeof row]: _dropped, ...rest } = row;
      expect([field, readEmployment({ DETAILS: [row, rest] }).ok]).toEqual([field, false]);
    }
  });
});

describe("the last return year is the one that ended in Nairobi", () => {
  it("turns at midnight in Nairobi (21:00 UTC on 31 December), not at midnight UTC", () => {
    expect(lastReturnYear(new Date("2026-12-31T20:59:59Z"))).toBe(2025);
    expect(lastReturnYear(new Date("2026-12-31T21:00:00Z"))).toBe(2026);
  });
});

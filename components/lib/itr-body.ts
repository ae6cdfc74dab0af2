// The ITR deductions form's empty parts and the body of POST /api/itr/returns built from it: used past the
// journey's first step only, so not with the draft (itr-draft.ts), which the page's first scripts read.
import type { DeductionsForm, InsuranceForm, MortgageForm } from "./itr-draft";

export const emptyInsurance = (): InsuranceForm => ({
  pin: "", insurer_name: "", type_of_policy: "life", insurance_policy_no: "", policy_holder: "", commencement_date: "", maturity_date: "",
  sum_assured: "", annual_premium_paid: "",
});
export const emptyMortgage = (): MortgageForm => ({
  pin_of_lender: "", name_of_lender: "", mortgage_account_no: "", amount_borrowed: "", outstanding_amount: "", interest_amount_paid: "",
});

/** The body of POST /api/itr/returns from the form: amounts as numbers (NaN for the schema to refuse). */
export function draftBody(year: string, form: DeductionsForm, parseAmount: (text: string) => number): Record<string, unknown> {
  const insurance = form.insurance && {
    ...form.insurance, pin: form.insurance.pin.trim().toUpperCase(),
    sum_assured: parseAmount(form.insurance.sum_assured), annual_premium_paid: parseAmount(form.insurance.annual_premium_paid),
  };
  const mortgage = form.mortgage && {
    ...form.mortgage, pin_of_lender: form.mortgage.pin_of_lender.trim().toUpperCase(), amount_borrowed: parseAmount(form.mortgage.amount_borrowed),
    outstanding_amount: parseAmount(form.mortgage.outstanding_amount), interest_amount_paid: parseAmount(form.mortgage.interest_amount_paid),
  };
  return {
    return_year: year, period: `01/01/${year} - 31/12/${year}`,
    pension_contribution: parseAmount(form.pension), shif_contribution: parseAmount(form.shif),
    hl_contribution: parseAmount(form.hl), pmf_contribution: parseAmount(form.prmf),
    insurance_policy: insurance ? [insurance] : [], mortgage: mortgage ? [mortgage] : [],
    disability_certificate: form.certificates.map((cert_no) => ({ cert_no })),
  };
}

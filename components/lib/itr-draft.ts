// The ITR journey's draft, kept in this tab for the visit (sessionStorage) so a reload or a return to
// the page goes on where it was. It holds what the taxpayer typed and the draft's id: every figure
// the page shows is fetched from the gateway again (a draft of another session answers 404).

export type ItrStep = "year" | "employers" | "deductions" | "summary" | "done" | "nil";

export interface InsuranceForm {
  pin: string; insurer_name: string; type_of_policy: "life" | "education" | "health"; insurance_policy_no: string; policy_holder: string;
  commencement_date: string; maturity_date: string; sum_assured: string; annual_premium_paid: string;
}
export interface MortgageForm {
  pin_of_lender: string; name_of_lender: string; mortgage_account_no: string; amount_borrowed: string; outstanding_amount: string;
  interest_amount_paid: string;
}
export interface DeductionsForm {
  pension: string; shif: string; hl: string; prmf: string; insurance?: InsuranceForm; mortgage?: MortgageForm; certificates: string[];
}

export interface ItrDraft { year: string; step: ItrStep; id?: string; form?: DeductionsForm }

const KEY = "itr-draft";

export function loadDraft(): ItrDraft | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as ItrDraft | null;
    return saved && /^\d{4}$/.test(saved.year) ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(draft: ItrDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  } catch {}
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {}
}

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

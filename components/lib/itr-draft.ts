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

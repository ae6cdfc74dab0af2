// English for the returns page's own list (routes/returns/index.tsx): the forms' titles (each form has its own in
// form-*.ts) and what each is for. Not in returns-en.ts,
// which every returns and payments form loads first (issue 22's budgets).
export const returnsListEn = {
  "returns.title": "Returns and payments",
  "nil.title": "File a NIL return",
  "tot.title": "Turnover Tax (TOT)",
  "mri.title": "Monthly Rental Income (MRI)",
  "owe.title": "What I owe",
  "eslip.title": "Pay a PRN (eSlip)",
  "levy.title": "Pay Housing Levy or NITA",
  "returns.obligations": "Your tax obligations",
  "returns.canNil": "NIL return",
  "returns.canTot": "Turnover Tax",
  "returns.canMri": "rental income",
  "nil.hint": "For a period with no income to declare",
  "returns.itrHint": "For a salary: KRA's figures from your employers, due 30 June",
  "tot.hint": "Declare gross sales, file and pay",
  "mri.hint": "Declare rent received, file and pay",
  "owe.hint": "Unpaid tax by obligation, and pay one",
  "eslip.hint": "Pay a payment registration number by M-Pesa",
  "levy.hint": "Affordable Housing Levy or NITA levy for a month",
} as const;

export type ReturnsListKey = keyof typeof returnsListEn;

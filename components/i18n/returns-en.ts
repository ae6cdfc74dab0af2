// English for the returns and payments pages: the obligations' names and what every one of them loads first (issue 22's budgets). The returns page's own list (and the forms' titles) is in returns-list-en.ts, the forms' texts in form-*.ts and returns-forms-en.ts.
export const returnsEn = {
  "obligation.1": "Value Added Tax (VAT)",
  "obligation.2": "Income Tax – Resident Individual (ITR)",
  "obligation.7": "Income Tax – PAYE",
  "obligation.8": "Turnover Tax (TOT)",
  "obligation.33": "Monthly Rental Income (MRI)",
  "obligation.41": "Affordable Housing Levy (AHL)",
  "obligation.42": "NITA Levy",
  "returns.noPin": "We have no KRA PIN for this number, so returns and payments cannot be done here yet. Please register for a KRA PIN first.",
  "returns.none": "KRA lists no obligations for you.",
  "returns.itr": "File my income tax return (employment)",
} as const;

export type ReturnsKey = keyof typeof returnsEn;

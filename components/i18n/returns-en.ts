// English for the returns and payments pages: what every one of them loads first (issue 22's budgets). The obligations' names are in obligations-en.ts, the returns page's own list (and the forms' titles) in returns-list-en.ts, the forms' texts in form-*.ts and returns-forms-en.ts.
export const returnsEn = {
  "returns.noPin": "We have no KRA PIN for this number, so returns and payments cannot be done here yet. Please register for a KRA PIN first.",
  "returns.none": "KRA lists no obligations for you.",
  "returns.itr": "File my income tax return (employment)",
} as const;

export type ReturnsKey = keyof typeof returnsEn;

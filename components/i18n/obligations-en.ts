// English names of the obligations the gateway knows (server/shared/obligations.ts), by KRA's id: loaded by the pages
// that name obligations (the returns page, the NIL return, what I owe), not by every returns page (issue 22's budgets).
export const obligationsEn = {
  "obligation.1": "Value Added Tax (VAT)",
  "obligation.2": "Income Tax – Resident Individual (ITR)",
  "obligation.7": "Income Tax – PAYE",
  "obligation.8": "Turnover Tax (TOT)",
  "obligation.33": "Monthly Rental Income (MRI)",
  "obligation.41": "Affordable Housing Levy (AHL)",
  "obligation.42": "NITA Levy",
} as const;

export type ObligationKey = keyof typeof obligationsEn;

// The Turnover Tax return's first step (routes/returns/tot.tsx: the cycle and the gross sales), in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const totForm = {
  en: {
    "tot.title": "Turnover Tax (TOT)",
    "tot.cycle": "How do you file?",
    "tot.monthly": "Monthly",
    "tot.daily": "Daily (today)",
    "tot.sales": "Gross sales (Ksh)",
    "tot.salesHint": "All sales for the period, before expenses",
    "returns.calculate": "Calculate tax",
  },
  sw: {
    "tot.title": "Kodi ya Mauzo (TOT)",
    "tot.cycle": "Unawasilisha vipi?",
    "tot.monthly": "Kila mwezi",
    "tot.daily": "Kila siku (leo)",
    "tot.sales": "Mauzo ghafi (Ksh)",
    "tot.salesHint": "Mauzo yote ya kipindi, kabla ya gharama",
    "returns.calculate": "Hesabu kodi",
  },
} as const;

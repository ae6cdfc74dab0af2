// Pay a levy (routes/payments/levy.tsx), before its PRN is asked for, in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const levyForm = {
  en: {
    "levy.title": "Pay Housing Levy or NITA",
    "levy.which": "What are you paying?",
    "levy.ahl": "Affordable Housing Levy",
    "levy.nita": "NITA levy",
    "levy.month": "Month",
    "levy.monthHint": "The month the levy is for",
    "levy.amount": "Amount (Ksh)",
    "levy.amountHint": "Whole shillings",
    "returns.back": "Back to returns and payments",
  },
  sw: {
    "levy.title": "Lipa Ushuru wa Nyumba au NITA",
    "levy.which": "Unalipa nini?",
    "levy.ahl": "Ushuru wa Nyumba za Bei Nafuu",
    "levy.nita": "Ushuru wa NITA",
    "levy.month": "Mwezi",
    "levy.monthHint": "Mwezi ambao ushuru unahusu",
    "levy.amount": "Kiasi (Ksh)",
    "levy.amountHint": "Shilingi kamili",
    "returns.back": "Rudi kwa ritani na malipo",
  },
} as const;

// What I owe (routes/payments/liabilities.tsx), before a payment is chosen, in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const oweForm = {
  en: {
    "owe.title": "What I owe",
    "owe.nothing": "You owe nothing that KRA lists here.",
    "owe.principal": "Principal",
    "owe.penalty": "Penalty",
    "owe.interest": "Interest",
    "owe.pay": "Pay {amount}",
    "returns.period": "Period: {period}",
    "returns.back": "Back to returns and payments",
  },
  sw: {
    "owe.title": "Ninachodaiwa",
    "owe.nothing": "Hudaiwi chochote ambacho KRA inaonyesha hapa.",
    "owe.principal": "Kiasi cha msingi",
    "owe.penalty": "Adhabu",
    "owe.interest": "Riba",
    "owe.pay": "Lipa {amount}",
    "returns.period": "Kipindi: {period}",
    "returns.back": "Rudi kwa ritani na malipo",
  },
} as const;

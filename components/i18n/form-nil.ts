// The NIL return's first step (routes/returns/nil.tsx: the obligation and its period), in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const nilForm = {
  en: {
    "nil.title": "File a NIL return",
    "returns.choose": "Choose the obligation",
    "nil.vat": "A VAT return cannot be filed as NIL here: KRA cannot fill in its period automatically. Please file it on iTax.",
    "nil.notEnded": "KRA offered the period {period}, which has not ended yet. A NIL return can be filed only once its period is over: come back after {to}.",
  },
  sw: {
    "nil.title": "Wasilisha ritani ya NIL",
    "returns.choose": "Chagua jukumu",
    "nil.vat": "Ritani ya VAT haiwezi kuwasilishwa kama NIL hapa: KRA haiwezi kujaza kipindi chake yenyewe. Tafadhali iwasilishe kwenye iTax.",
    "nil.notEnded": "KRA ilitoa kipindi {period}, ambacho bado hakijaisha. Ritani ya NIL inaweza kuwasilishwa tu kipindi chake kikiisha: rudi baada ya {to}.",
  },
} as const;

// Pay a PRN (routes/payments/eslip.tsx), before the prompt is sent, in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const eslipForm = {
  en: {
    "eslip.title": "Pay a PRN (eSlip)",
    "eslip.label": "Payment registration number (PRN)",
    "eslip.labelHint": "From your KRA payment slip",
    "eslip.unchecked": "KRA checks this number only when it sends the M-Pesa prompt: this page cannot check it first. Compare it with your eSlip before you send.",
    "eslip.refused": "KRA does not know this PRN. Correct it here and send again.",
    "pay.send": "Send M-Pesa prompt to {msisdn}",
    "returns.back": "Back to returns and payments",
  },
  sw: {
    "eslip.title": "Lipa PRN (eSlip)",
    "eslip.label": "Nambari ya usajili wa malipo (PRN)",
    "eslip.labelHint": "Kutoka kwa hati yako ya malipo ya KRA",
    "eslip.unchecked": "KRA hukagua nambari hii tu inapotuma ombi la M-Pesa: ukurasa huu hauwezi kuikagua kwanza. Ilinganishe na eSlip yako kabla ya kutuma.",
    "eslip.refused": "KRA haiijui PRN hii. Irekebishe hapa kisha utume tena.",
    "pay.send": "Tuma ombi la M-Pesa kwa {msisdn}",
    "returns.back": "Rudi kwa ritani na malipo",
  },
} as const;

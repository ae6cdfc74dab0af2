// The rental income return's first step (routes/returns/mri.tsx: the properties and the income), in English and Kiswahili: all the page's first scripts hold of
// the forms' texts (issue 22's budgets). The later steps' texts are in returns-forms-*.ts, loaded with those steps;
// a key in both has the same text in both (tests/ui/returns-i18n.test.ts).
export const mriForm = {
  en: {
    "mri.title": "Monthly Rental Income (MRI)",
    "mri.properties": "Your rental properties",
    "mri.noProperties": "KRA lists no rental properties for you.",
    "mri.property": "{building}, {locality} (LR {lr})",
    "mri.income": "Rental income for the period (Ksh)",
    "mri.incomeHint": "Rent received from all your properties",
    "returns.calculate": "Calculate tax",
  },
  sw: {
    "mri.title": "Mapato ya Kodi ya Nyumba ya Kila Mwezi (MRI)",
    "mri.properties": "Nyumba zako za kupangisha",
    "mri.noProperties": "KRA haionyeshi nyumba zozote za kupangisha kwako.",
    "mri.property": "{building}, {locality} (nambari ya LR {lr})",
    "mri.income": "Mapato ya kodi ya nyumba ya kipindi (Ksh)",
    "mri.incomeHint": "Kodi uliyopokea kutoka kwa nyumba zako zote",
    "returns.calculate": "Hesabu kodi",
  },
} as const;

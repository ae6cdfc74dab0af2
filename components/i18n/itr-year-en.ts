// English for the income tax return's first step (issue 23): the ITR page's first scripts hold only these;
// the rest of the ITR catalogue (itr-en.ts) loads with the later steps.
export const itrYearEn = {
  "itr.intro": "For people with a salary. KRA already has your employers' figures: you check them, add what you can claim, and file. The return for a year is due by 30 June of the next.",
  "itr.working": "Asking KRA. This can take a few seconds…",
  "itr.step": "Step {n} of 4",
  "itr.yearTitle": "Year and period",
  "itr.year": "Year of the return",
  "itr.yearHint": "Last year, unless you are filing late for an earlier one.",
  "itr.period": "Period: {period}",
};

export type ItrYearKey = keyof typeof itrYearEn;

// Kiswahili for the income tax return's first step (issue 23): the ITR page's first scripts hold only these;
// the rest of the ITR catalogue (itr-sw.ts) loads with the later steps.
import type { ItrYearKey } from "./itr-year-en";

export const itrYearSw: Record<ItrYearKey, string> = {
  "itr.intro": "Kwa watu wenye mshahara. KRA tayari ina takwimu za waajiri wako: unazikagua, unaongeza unachoweza kudai, kisha unawasilisha. Ritani ya mwaka inapaswa kuwasilishwa kufikia 30 Juni ya mwaka unaofuata.",
  "itr.working": "Tunauliza KRA. Hii inaweza kuchukua sekunde chache…",
  "itr.step": "Hatua {n} kati ya 4",
  "itr.yearTitle": "Mwaka na kipindi",
  "itr.year": "Mwaka wa ritani",
  "itr.yearHint": "Mwaka uliopita, isipokuwa unawasilisha kwa kuchelewa kwa mwaka wa awali.",
  "itr.period": "Kipindi: {period}",
};

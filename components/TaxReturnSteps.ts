import { onDemand } from "./lib/on-demand";

// The steps of a return filed on an amount (TOT, MRI) after the amount: fetched while the amount is typed
// (issue 22's budgets), one chunk of code for both forms and their amount card.
export const TaxDueCard = onDemand(() => import("./TaxDueCard").then((module) => module.TaxDueCard));
export const FilingDone = onDemand(() => import("./FilingDone").then((module) => module.FilingDone));
/** Instead of the amount card's actions after Back from the result. */
export const AlreadyFiled = onDemand(() => import("./FilingDone").then((module) => module.AlreadyFiled));

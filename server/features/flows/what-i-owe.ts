// What I owe Flow (deploy/whatsapp-flows/what-i-owe.json): the liabilities of each of the taxpayer's own
// obligations, with totals, through the `returns.obligations` and `returns.liabilities` rules (PIN bound from the session).
import { KNOWN_OBLIGATIONS, readLiabilities } from "../../shared/returns";
import { ownObligations } from "./nil-return";
import { DONE, goTo, noticeScreen, type FlowContext, type FlowDefinition } from "./screens";
import { formatKes } from "./text";
import { callFlowRule } from "./upstream";

/** One obligation's total owed, or null when the upstream could not say (shown as "not available now"). */
async function owedOn(context: FlowContext, obligationId: string): Promise<number | null> {
  const answer = await callFlowRule(context.event, context.session, "returns.liabilities", { query: { obligation_id: obligationId } });
  const liabilities = readLiabilities(answer.body);
  return liabilities.ok ? liabilities.value.reduce((sum, item) => sum + item.total, 0) : null;
}

export const whatIOwe: FlowDefinition = {
  screens: ["OWED"],
  async start(context) {
    const { text } = context;
    const options = await ownObligations(context, KNOWN_OBLIGATIONS);
    if (!options || options.length === 0) return noticeScreen(text, text.owedNone);
    // A handful of obligations at most (KNOWN_OBLIGATIONS), asked together: one upstream round trip of time.
    const owed = await Promise.all(options.map((option) => owedOn(context, option.id)));
    const total = owed.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
    const lines = options.map((option, i) => (owed[i] === null ? text.owedUnknown(option.title) : text.owedLine(option.title, formatKes(owed[i]!))));
    const result = [...lines, "", total > 0 ? text.owedTotal(formatKes(total)) : text.owedNone].join("\n");
    const screen = { screen: "OWED", data: { result, done: text.done } };
    return goTo(context, "owed", screen, { choices: { summary: text.summaryOwed(formatKes(total)) } });
  },
  steps: {
    owed: { payload: DONE, next: async (context) => ({ end: context.session.record.flow!.choices!.summary }) },
  },
};

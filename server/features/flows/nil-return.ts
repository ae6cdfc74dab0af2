// NIL return Flow (deploy/whatsapp-flows/nil-return.json): one of the taxpayer's own obligations, the period
// the upstream gives, a confirmation, the acknowledgement; through the returns rules (PIN bound from the session).
import { z } from "zod";
import { NIL_OBLIGATIONS, readFiling, readObligations, readPeriod } from "../../shared/returns";
import { DONE, goTo, inputScreen, noticeScreen, type FlowContext, type FlowDefinition, type FlowReply } from "./screens";
import { callFlowRule } from "./upstream";

/** The obligations screen, listing the taxpayer's own NIL-fileable obligations (kept in the session: only those may be chosen). */
export async function ownObligations(context: FlowContext, eligible: ReadonlySet<string>): Promise<{ id: string; title: string }[] | null> {
  const answer = await callFlowRule(context.event, context.session, "returns.obligations");
  const obligations = readObligations(answer.body);
  if (!obligations.ok) return null;
  return obligations.value.filter((item) => eligible.has(item.id)).map((item) => ({ id: item.id, title: item.name || item.id }));
}

function chosen(context: FlowContext): { id: string; title: string } {
  const { choices, options } = context.session.record.flow!;
  return options!.find((option) => option.id === choices!.obligation)!;
}

async function confirmPeriod(context: FlowContext, input: Record<string, string>): Promise<FlowReply> {
  const { text } = context;
  const flow = context.session.record.flow!;
  const option = flow.options?.find((item) => item.id === input.obligation);
  if (!option) return inputScreen("OBLIGATION", flow.screen!.data, text.invalid);
  const answer = await callFlowRule(context.event, context.session, "returns.filling-period", { body: { obligation_id: option.id } });
  const period = readPeriod(answer.body);
  if (!period.ok) return noticeScreen(text, text.periodRefused(period.message));
  const screen = { screen: "CONFIRM", data: { summary: text.confirm(option.title, period.value.text), submit: text.file } };
  return goTo(context, "confirm", screen, { choices: { obligation: option.id, period: period.value.text } });
}

async function file(context: FlowContext): Promise<FlowReply> {
  const { text } = context;
  const { id, title } = chosen(context);
  const period = context.session.record.flow!.choices!.period;
  const body = { kra_obligation_id: id, obligation_code: id, returnPeriod: period, returnType: "nil_return", has_rental_property: "N" };
  const filing = readFiling((await callFlowRule(context.event, context.session, "returns.file", { body })).body);
  if (!filing.ok || !filing.value.ack) return noticeScreen(text, text.filingRefused(filing.ok ? filing.value.message : filing.message));
  const screen = { screen: "RECEIPT", data: { result: text.filed(title, period, filing.value.ack), done: text.done } };
  return goTo(context, "receipt", screen, { choices: { summary: text.summaryFiled(filing.value.ack) } });
}

export const nilReturn: FlowDefinition = {
  screens: ["OBLIGATION", "CONFIRM", "RECEIPT"],
  async start(context) {
    const { text } = context;
    const options = await ownObligations(context, NIL_OBLIGATIONS);
    if (!options || options.length === 0) return noticeScreen(text, text.noObligations);
    const data = { intro: text.obligationIntro, obligation_label: text.obligationLabel, obligations: options, submit: text.submit };
    return goTo(context, "obligation", inputScreen("OBLIGATION", data), { options });
  },
  steps: {
    obligation: { payload: z.strictObject({ obligation: z.string().regex(/^\d{1,3}$/) }), next: confirmPeriod },
    confirm: { payload: z.strictObject({ confirm: z.literal("1") }), next: file },
    receipt: { payload: DONE, next: async (context) => ({ end: context.session.record.flow!.choices!.summary }) },
  },
};

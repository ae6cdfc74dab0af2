// PIN checker Flow (deploy/whatsapp-flows/pin-checker.json): enter a PIN, see the name and station,
// through the `checkers.pin` rule (its limits, pause switch and response policy).
import { z } from "zod";
import { readPinCheck } from "../../shared/checkers";
import { pinNumber } from "../../shared/checkers-schemas";
import { DONE, goTo, inputScreen, type FlowDefinition } from "./screens";
import { callFlowRule } from "./upstream";


export const pinChecker: FlowDefinition = {
  screens: ["PIN_INPUT", "PIN_RESULT"],
  async start(context) {
    const { text } = context;
    return goTo(context, "pin", inputScreen("PIN_INPUT", { intro: text.pinIntro, pin_label: text.pinLabel, submit: text.submit }));
  },
  steps: {
    pin: {
      payload: z.strictObject({ pin_to_check: pinNumber }),
      async next(context, input) {
        const { text } = context;
        const pin = input.pin_to_check;
        const answer = await callFlowRule(context.event, context.session, "checkers.pin", { query: { pin_number: pin } });
        const finding = readPinCheck(answer.body);
        const row = (label: string) => (finding.ok ? finding.value.rows.find(([name]) => name === label)?.[1] : undefined) ?? "";
        const name = row("name");
        const result = finding.ok ? text.pinFound(pin, name, row("station")) : text.pinNotFound(pin, finding.message);
        const summary = finding.ok ? text.summaryPin(pin, name) : text.summaryPinNone(pin);
        return goTo(context, "result", { screen: "PIN_RESULT", data: { result, done: text.done } }, { choices: { summary } });
      },
    },
    result: { payload: DONE, next: async (context) => ({ end: context.session.record.flow!.choices!.summary }) },
  },
};

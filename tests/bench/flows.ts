// npm run bench:flows: the WhatsApp Flows endpoint's latency per Flow and action, against the built gateway and
// the simulated upstream (loopback, no added latency), one request at a time as one WhatsApp user makes them.
// FLOWS_RUNS (default 40) runs of each Flow; prints the median and p99 in milliseconds, client side (encrypting
// the request and decrypting the answer included). Not a timed test: numbers to compare, recorded in RESULTS.md.
import { TEST_TAXPAYERS } from "../upstream";
import { startFlowsStack } from "../support/flows-stack";
import { OTP } from "../support/stack";
import { flowToken, type FlowAnswer, type SimulatedWhatsAppClient } from "../support/whatsapp-flows";
import { buildIfNeeded } from "../tools/build-if-needed";
import { median } from "./stats";

const RUNS = Number(process.env.FLOWS_RUNS ?? 40);
const [ONE, , THREE] = TEST_TAXPAYERS;
const samples = new Map<string, number[]>();

async function timed(label: string, call: () => Promise<FlowAnswer>): Promise<FlowAnswer> {
  const started = performance.now();
  const answer = await call();
  const took = performance.now() - started;
  if (answer.status !== 200) throw new Error(`${label} answered ${answer.status}`);
  samples.set(label, [...(samples.get(label) ?? []), took]);
  return answer;
}

type Step = [label: string, screen: string, data: Record<string, unknown>];
const RUNS_OF: Record<"pin-checker" | "nil-return" | "what-i-owe", Step[]> = {
  "pin-checker": [["data_exchange PIN_INPUT (checkers.pin)", "PIN_INPUT", { pin_to_check: THREE.pin }], ["data_exchange PIN_RESULT (complete)", "PIN_RESULT", { done: "1" }]],
  "nil-return": [
    ["data_exchange OBLIGATION (filling period)", "OBLIGATION", { obligation: "7" }], ["data_exchange CONFIRM (file-return)", "CONFIRM", { confirm: "1" }],
    ["data_exchange RECEIPT (complete)", "RECEIPT", { done: "1" }],
  ],
  "what-i-owe": [["data_exchange OWED (complete)", "OWED", { done: "1" }]],
};
const FIRST_SCREEN = { "pin-checker": "PIN_INPUT (no upstream call)", "nil-return": "OBLIGATION (obligations)", "what-i-owe": "OWED (obligations + liabilities)" };

async function runFlow(whatsapp: SimulatedWhatsAppClient, secret: string, flow: keyof typeof RUNS_OF): Promise<void> {
  const token = await flowToken(secret, flow, ONE.msisdn);
  await timed(`${flow}: INIT (/init + /otp)`, () => whatsapp.init(token));
  await timed(`${flow}: data_exchange SIGN_IN (/validate-otp) → ${FIRST_SCREEN[flow]}`, () => whatsapp.exchange(token, "SIGN_IN", { otp: OTP }));
  for (const [label, screen, data] of RUNS_OF[flow]) await timed(`${flow}: ${label}`, () => whatsapp.exchange(token, screen, data));
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.99) - 1)];

async function main(): Promise<void> {
  buildIfNeeded();
  const stack = await startFlowsStack();
  try {
    const whatsapp = stack.whatsappClient();
    for (let i = 0; i < 5; i++) await runFlow(whatsapp, stack.linkSecret, "pin-checker"); // warm-up
    samples.clear();
    for (let run = 0; run < RUNS; run++) {
      await timed("ping", () => whatsapp.ping());
      for (const flow of Object.keys(RUNS_OF) as (keyof typeof RUNS_OF)[]) await runFlow(whatsapp, stack.linkSecret, flow);
    }
  } finally {
    await stack.stop();
  }
  console.log(`WhatsApp Flows endpoint, ${RUNS} runs per Flow, ms (median / p99):`);
  for (const [label, values] of samples) console.log(`  ${label.padEnd(84)} ${median(values).toFixed(1).padStart(6)} / ${p99(values).toFixed(1).padStart(6)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

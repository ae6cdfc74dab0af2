// The stack (simulated upstream + built gateway) with WhatsApp Flows on: an encrypted PKCS#8 key (with its
// passphrase) as the current key and a PKCS#1 key as the previous one, so both key forms load on both runtimes.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { startStack, type Stack, type StackOptions } from "./stack";
import { ROOT } from "./gateway";
import { generateFlowKey, SimulatedWhatsAppClient, type FlowKeyPair, type FlowReplyJson } from "./whatsapp-flows";

export interface FlowsStack extends Stack {
  appSecret: string;
  current: FlowKeyPair;
  previous: FlowKeyPair;
  whatsappClient(publicKey?: FlowKeyPair["publicKey"]): SimulatedWhatsAppClient;
}

// Generated once per test file: 2048-bit RSA keys take a moment.
let keys: { current: FlowKeyPair; previous: FlowKeyPair; passphrase: string } | undefined;

export async function startFlowsStack(options: StackOptions = {}): Promise<FlowsStack> {
  const passphrase = randomBytes(12).toString("base64url");
  const { current, previous } = (keys ??= { current: generateFlowKey("encrypted", passphrase), previous: generateFlowKey("pkcs1"), passphrase });
  const appSecret = randomBytes(16).toString("hex");
  const stack = await startStack({
    ...options,
    env: {
      NITRO_FLOWS_PRIVATE_KEY: current.privatePem,
      NITRO_FLOWS_PRIVATE_KEY_PASSPHRASE: keys.passphrase,
      NITRO_FLOWS_PRIVATE_KEY_PREVIOUS: previous.privatePem,
      NITRO_WHATSAPP_APP_SECRET: appSecret,
      ...options.env,
    },
  });
  return Object.assign(stack, {
    appSecret, current, previous,
    whatsappClient: (publicKey = current.publicKey) => new SimulatedWhatsAppClient({ gatewayUrl: stack.gateway.url, publicKey, appSecret }),
  });
}

interface FlowJson { screens: { id: string; data?: Record<string, unknown> }[] }

/**
 * Every screen the handler answered with exists in the Flow's JSON (deploy/whatsapp-flows/), and every data
 * field it sent is declared there. SUCCESS is WhatsApp's own: it closes the Flow.
 */
export function undeclaredInFlowJson(flow: string, answers: FlowReplyJson[]): string[] {
  const json = JSON.parse(readFileSync(`${ROOT}deploy/whatsapp-flows/${flow}.json`, "utf8")) as FlowJson;
  const screens = new Map(json.screens.map((screen) => [screen.id, Object.keys(screen.data ?? {})]));
  return answers.filter((answer) => answer.screen !== "SUCCESS").flatMap((answer) => {
    const declared = screens.get(answer.screen ?? "");
    if (!declared) return [`${flow}: screen ${answer.screen}`];
    return Object.keys(answer.data ?? {}).filter((field) => !declared.includes(field)).map((field) => `${flow}: ${answer.screen}.${field}`);
  });
}

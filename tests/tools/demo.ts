// npm run demo: the gateway with its simulated upstream, on loopback. Ctrl-C stops both.
import { randomBytes } from "node:crypto";
import { SIGNUP_NUMBERS, SIGNUP_PEOPLE, startSimulatedCloudApi, startSimulatedUpstream, TEST_TAXPAYERS } from "../upstream";
import { startNodeGateway as startGateway } from "../support/gateway";
import { simulatedGatewayEnv } from "../support/gateway-env";
import { createSignedLink } from "../../server/utils/signed-link";
import { buildIfNeeded } from "./build-if-needed";

const PORT = Number(process.env.PORT ?? 3000);
const ORIGIN = `http://localhost:${PORT}`;

async function main(): Promise<void> {
  buildIfNeeded();
  const apiKey = randomBytes(24).toString("base64url");
  const linkSecret = randomBytes(32).toString("base64url");
  const upstream = await startSimulatedUpstream({ apiKey, port: Number(process.env.UPSTREAM_PORT ?? 0) });
  // "Send to my WhatsApp" against a simulated Cloud API (nothing leaves the machine).
  const whatsapp = { accessToken: randomBytes(24).toString("hex"), phoneNumberId: "100000000000001" };
  const cloud = await startSimulatedCloudApi(whatsapp);
  const gateway = await startGateway({
    port: PORT,
    env: {
      ...simulatedGatewayEnv({ upstream, apiKey, linkSecret, origin: ORIGIN, whatsapp: { ...whatsapp, cloud } }),
      NITRO_LOG_REQUESTS: process.env.NITRO_LOG_REQUESTS ?? "true",
    },
  });
  gateway.process!.stdout!.on("data", (chunk) => process.stdout.write(chunk));
  const newLink = (phone: string) => createSignedLink({ secret: linkSecret, publicOrigin: ORIGIN, phone, ttlSeconds: 900 });
  printBanner(await taxpayerLinks(newLink), await newLink(SIGNUP_NUMBERS.done), upstream.otp, upstream.url);
  if (process.stdin.isTTY) process.stdin.on("data", async () => console.log(`\nNew entry links:\n${await taxpayerLinks(newLink)}\n`));
  const stop = async () => {
    await gateway.stop();
    await upstream.close();
    await cloud.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** One signed link per demo taxpayer (README: Test data says what each one can try). */
async function taxpayerLinks(newLink: (phone: string) => Promise<string>): Promise<string> {
  const lines = await Promise.all(TEST_TAXPAYERS.map(async (taxpayer) => `  ${taxpayer.name} (${taxpayer.pin}):\n    ${await newLink(taxpayer.msisdn)}`));
  return lines.join("\n");
}

function printBanner(links: string, signupLink: string, otp: string, upstreamUrl: string): void {
  const newcomer = SIGNUP_PEOPLE[0];
  console.log(`
KRA WhatsApp gateway demo
  gateway             ${ORIGIN}
  simulated upstream  ${upstreamUrl}

Signed entry links (valid 15 minutes, single use), one per demo taxpayer:
${links}

The simulated identity service accepts the code: ${otp}

A number not yet on eTIMS (sign-up, then invoices): national ID ${newcomer.idNumber}, born ${newcomer.yob}:
  ${signupLink}

README.md, "Test data", lists what each taxpayer can try (PINs, IDs, PRNs, certificates).
Press Enter for new links (each works once). Ctrl-C stops both.
`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

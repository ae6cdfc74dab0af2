import type { Fault } from "../upstream";
import { TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";
import { processUsage } from "../faults/support";
import { median } from "./stats";

export interface SoakReport {
  seconds: number;
  requests: number;
  byOperation: Record<string, Record<number, number>>;
  unexpected: string[];
  faultsInjected: number;
  faultAnswers: number;
  rssAfterWarmupMb: number;
  rssAtEndMb: number;
  fdsAfterWarmup: number;
  fdsAtEnd: number;
}

type Operation = "sign-in" | "list" | "sale" | "lookup" | "logout";
const EXPECTED: Record<Operation, number[]> = {
  "sign-in": [303],
  list: [200, 404],
  sale: [200],
  lookup: [200],
  logout: [303],
};
const FAULT_STATUSES = [502, 504];
const FAULTS: Fault[] = [{ kind: "refuse" }, { kind: "html503" }, { kind: "phoenix500" }, { kind: "reset", afterBytes: 10 }];
const SALE = { total_amount: 30, items: [{ item_name: "Soak item", taxable_amount: 10, quantity: 3 }] };

/** Mixed traffic from `workers` concurrent taxpayers, with one-shot upstream faults now and then. */
export async function soak(seconds: number, workers = 12): Promise<SoakReport> {
  const stack = await startStack({ env: { NITRO_UPSTREAM_TIMEOUT_MS: "2000" } });
  const report: SoakReport = {
    seconds, requests: 0, byOperation: {}, unexpected: [], faultsInjected: 0, faultAnswers: 0,
    rssAfterWarmupMb: 0, rssAtEndMb: 0, fdsAfterWarmup: 0, fdsAtEnd: 0,
  };
  const started = Date.now();
  const deadline = started + seconds * 1000;
  // RSS saw-tooths with every collection: compare medians of samples, not two single readings.
  const samples: { at: number; rssMb: number; fds: number }[] = [];
  const sampler = setInterval(() => samples.push({ at: (Date.now() - started) / (seconds * 1000), ...processUsage(stack.gateway) }), 500);
  const trace = process.env.SOAK_TRACE ? setInterval(() => console.error(`rss ${processUsage(stack.gateway).rssMb.toFixed(1)} MB`), 10_000) : undefined;
  const faults = setInterval(() => {
    stack.upstream.addFault({ fault: FAULTS[report.faultsInjected % FAULTS.length], path: "/api/ussd/post-sale", times: 1 });
    report.faultsInjected += 1;
  }, 1000);
  try {
    await Promise.all(Array.from({ length: workers }, (_, i) => worker(stack, TEST_TAXPAYERS[i % TEST_TAXPAYERS.length].msisdn, deadline, report)));
  } finally {
    clearInterval(faults);
    clearInterval(trace);
    clearInterval(sampler);
    const warm = samples.filter((sample) => sample.at >= 0.3 && sample.at < 0.5);
    const end = samples.filter((sample) => sample.at >= 0.8);
    report.rssAfterWarmupMb = median(warm.map((sample) => sample.rssMb));
    report.rssAtEndMb = median(end.map((sample) => sample.rssMb));
    report.fdsAfterWarmup = median(warm.map((sample) => sample.fds));
    report.fdsAtEnd = median(end.map((sample) => sample.fds));
    await stack.stop();
  }
  return report;
}

async function worker(stack: Stack, msisdn: string, deadline: number, report: SoakReport): Promise<void> {
  let client = await signIn(stack, stack.client(), msisdn, report);
  while (Date.now() < deadline) {
    const roll = Math.random();
    if (roll < 0.05) {
      record(report, "logout", (await client.post("/session/logout")).status);
      client = await signIn(stack, client, msisdn, report);
    } else if (roll < 0.12) client = await signIn(stack, client, msisdn, report);
    else if (roll < 0.5) record(report, "list", await drain(client.api("GET", "/buyer-initiated/fetch")));
    else if (roll < 0.9) record(report, "sale", await drain(client.api("POST", "/post-sale", { json: SALE })));
    else record(report, "lookup", await drain(client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: "A000000008H" } })));
  }
}

/** Entry from the same browser: the session it carries is replaced, as a taxpayer reopening the link would. */
async function signIn(stack: Stack, client: GatewayClient, msisdn: string, report: SoakReport): Promise<GatewayClient> {
  record(report, "sign-in", (await client.enter(await stack.signedLink(msisdn))).status);
  record(report, "sign-in", (await client.submitOtp("OTPXYZ")).status);
  return client;
}

async function drain(response: Promise<Response>): Promise<number> {
  const answer = await response;
  await answer.arrayBuffer();
  return answer.status;
}

function record(report: SoakReport, operation: Operation, status: number): void {
  report.requests += 1;
  const counts = (report.byOperation[operation] ??= {});
  counts[status] = (counts[status] ?? 0) + 1;
  if (EXPECTED[operation].includes(status)) return;
  if (operation === "sale" && FAULT_STATUSES.includes(status)) {
    report.faultAnswers += 1;
    return;
  }
  report.unexpected.push(`${operation} → ${status}`);
}

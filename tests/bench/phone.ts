// npm run bench:phone: the taxpayer's phone, in Debian's Chromium with DevTools' "Fast 3G" (562.5 ms
// latency, 180 KB/s down, 84 KB/s up) and a 4× CPU slowdown, against the built gateway and the
// simulated upstream. Five runs, each in a fresh browser context (empty cache); prints medians of:
// link → OTP input, OTP → home greeting, home → a returns page's data shown, with requests and bytes.
// PHONE_RUNS (5), PHONE_CPU_SLOWDOWN (4), PHONE_DEBUG=1 (every request's send and answer times),
// PHONE_REFERENCE=0 (the gateway alone), PHONE_HOME_WAIT_MS (tap the returns link that long after the greeting, not at network idle).
// Each gateway run is followed by a run of the reference (phone-ref.ts: the same journey's shape with
// trivially small pages from a bare Node server), so both see the same host load; the table adds the
// reference's medians and the gateway's difference to them, the floor measured in the same run.
// A first journey on each, not counted, warms them up.
// Times: from the tap to the first paint of the page that shows the input or greeting (its FCP);
// for the returns page, to the obligations list in the DOM. The tap is the mouse alone and the waits
// are small CDP probes, so that Playwright's own work in the throttled renderer is not counted.
import { cpus } from "node:os";
import type { Browser, CDPSession, Locator, Page } from "playwright-core";
import { launchChromium, newPhone, serveLinkPage } from "../support/chromium";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP, startStack } from "../support/stack";
import { buildIfNeeded } from "../tools/build-if-needed";
import { median } from "./stats";
import { startPhoneReference } from "./phone-ref";

const RUNS = Number(process.env.PHONE_RUNS ?? 5);
// CDP takes bytes per second.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84 * 1024 };
const CPU_SLOWDOWN = Number(process.env.PHONE_CPU_SLOWDOWN ?? 4);
const RTT_MS = FAST_3G.latency;
const WITH_REFERENCE = process.env.PHONE_REFERENCE !== "0";
const HOME_WAIT_MS = process.env.PHONE_HOME_WAIT_MS === undefined ? undefined : Number(process.env.PHONE_HOME_WAIT_MS);
/**
 * Round trips the design needs per step (the floor), which the reference also makes: landing GET,
 * POST /entry (answered with the OTP page); POST /session/otp (answered with the home page); the returns
 * route's script, then its API call (the reference: the returns page, then its JSON).
 */
const ROUND_TRIPS = { toOtp: 2, toHome: 1, toReturns: 2 };

interface Step { ms: number; requests: number; bytes: number }
interface Run { toOtp: Step; toHome: Step; toReturns: Step; homeIdle: Step }
type StepName = Exclude<keyof Run, "homeIdle">;
/** Where a run goes: an origin (its requests are counted) and the chat's link for a number. */
interface Target { origin: string; link(msisdn: string): Promise<string> | string }

/** Requests to the gateway and their bytes on the wire (headers and compressed bodies), from CDP. */
class Traffic {
  requests = 0;
  bytes = 0;
  constructor(cdp: CDPSession, origin: string) {
    const ours = new Set<string>();
    cdp.on("Network.requestWillBeSent", (event) => {
      if (!event.request.url.startsWith(origin) || ours.has(event.requestId)) return;
      ours.add(event.requestId);
      this.requests++;
    });
    if (process.env.PHONE_DEBUG) {
      cdp.on("Network.requestWillBeSent", (event) => console.error(Date.now() % 100000, "send", event.request.method, event.request.url.slice(0, 60)));
      cdp.on("Network.responseReceived", (event) => console.error(Date.now() % 100000, "resp", event.response.status, event.response.url.slice(0, 60), JSON.stringify(event.response.timing && { c: event.response.timing.connectEnd - event.response.timing.connectStart, s: event.response.timing.sendStart, h: event.response.timing.receiveHeadersEnd })));
    }
    cdp.on("Network.loadingFinished", (event) => {
      if (ours.has(event.requestId)) this.bytes += event.encodedDataLength;
    });
  }
  reset(): void {
    this.requests = 0;
    this.bytes = 0;
  }
}

/** The throttled profile, set again after every navigation (a new renderer process forgets the CPU rate). */
async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  const apply = async () => {
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  };
  await apply();
  page.on("framenavigated", (frame) => void (frame === page.mainFrame() && apply().catch(() => undefined)));
  return cdp;
}

const POLL_MS = 20;

/**
 * Waits, over CDP, until `ready` (a JavaScript expression) holds in the current document, and returns
 * `at` evaluated then (epoch ms). Not Playwright's locators: their injected script, evaluated in
 * every new document they look into, costs the 4×-throttled renderer ≈ 40 ms (a Chromium trace),
 * on the landing page before its form leaves and on the page being measured before it paints.
 * A probe is one small expression; one in a document that is going away fails, and the next asks again.
 */
async function when(cdp: CDPSession, ready: string, at: string): Promise<number> {
  const expression = `(${ready}) ? (${at}) : 0`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await cdp.send("Runtime.evaluate", { expression, returnByValue: true }).catch(() => undefined);
    if (typeof answer?.result.value === "number" && answer.result.value > 0) return answer.result.value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`timed out waiting for ${ready}`);
}

const PAINT = 'performance.getEntriesByName("first-contentful-paint")[0]';
/** When the current document first painted (its First Contentful Paint), once `ready` holds and it has painted, as epoch ms. */
const paintedAt = (cdp: CDPSession, ready: string) => when(cdp, `(${ready}) && ${PAINT}`, `performance.timeOrigin + ${PAINT}.startTime`);
const OTP_INPUT = '(function(i){return i && !i.disabled})(document.getElementById("otp"))';
const GREETING = 'Array.prototype.some.call(document.querySelectorAll("strong"), function(s){return /^Hello, /.test(s.textContent)})';
const OBLIGATIONS = 'document.querySelector("[data-testid=obligations] li strong")';

/** Clicks the middle of what `locator` finds with the mouse alone (Playwright's checks done before), and returns when, as epoch ms. */
async function tap(page: Page, locator: Locator): Promise<number> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("nothing to tap");
  const started = Date.now();
  if (process.env.PHONE_DEBUG) console.error(started % 100000, "click");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return started;
}

async function oneRun(target: Target, browser: Browser, msisdn: string): Promise<Run> {
  const context = await newPhone(browser);
  const page = await context.newPage();
  const chat = await serveLinkPage(await target.link(msisdn));
  try {
    await page.goto(chat.url);
    const cdp = await throttle(page);
    const traffic = new Traffic(cdp, target.origin);

    traffic.reset();
    let started = await tap(page, page.locator("#link"));
    const toOtp = { ms: (await paintedAt(cdp, OTP_INPUT)) - started, requests: traffic.requests, bytes: traffic.bytes };
    await page.locator("#otp:enabled").waitFor({ timeout: 5_000 });

    await page.fill("#otp", OTP);
    traffic.reset();
    started = await tap(page, page.getByRole("button", { name: "Confirm" }));
    const toHome = { ms: (await paintedAt(cdp, GREETING)) - started, requests: traffic.requests, bytes: traffic.bytes };
    await page.getByText(/^Hello, /).waitFor({ timeout: 5_000 });

    // Wait for the home page's own scripts (the link is followed by the client router once hydrated), and the
    // code of its visible links it preloads once idle (components/lib/preload-links.ts): counted on their own.
    traffic.reset();
    started = Date.now();
    // PHONE_HOME_WAIT_MS: tap that long after the greeting instead (a taxpayer who does not wait for idle).
    if (HOME_WAIT_MS === undefined) await page.waitForLoadState("networkidle");
    else await page.waitForTimeout(HOME_WAIT_MS);
    const homeIdle = { ms: Date.now() - started, requests: traffic.requests, bytes: traffic.bytes };
    traffic.reset();
    started = await tap(page, page.locator('a[href="/returns"]'));
    const toReturns = { ms: (await when(cdp, OBLIGATIONS, "performance.timeOrigin + performance.now()")) - started, requests: traffic.requests, bytes: traffic.bytes };
    await page.locator("[data-testid=obligations] li strong").first().waitFor({ timeout: 5_000 });
    return { toOtp, toHome, toReturns, homeIdle };
  } finally {
    await chat.close();
    await context.close();
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const signed = (ms: number) => `${ms < 0 ? "−" : "+"}${seconds(Math.abs(ms))} s`;

/** Median, runs, requests, transferred, and the median's distance to the floor, as table cells. */
function stepCells(steps: Step[], floor: number): string[] {
  const ms = median(steps.map((s) => s.ms));
  return [`${seconds(ms)} s`, steps.map((s) => seconds(s.ms)).join(" / "), String(median(steps.map((s) => s.requests))),
    `${(median(steps.map((s) => s.bytes)) / 1024).toFixed(1)} KB`, signed(ms - floor)];
}

function summarise(name: string, step: StepName, gateway: Run[], reference: Run[]): string {
  const floor = ROUND_TRIPS[step] * RTT_MS;
  const [ms, runs, requests, bytes, overFloor] = stepCells(gateway.map((r) => r[step]), floor);
  const cells = [name, ms, runs, requests, bytes, `${ROUND_TRIPS[step]} × ${RTT_MS} ms = ${seconds(floor)} s`, overFloor];
  if (reference.length > 0) {
    const difference = median(gateway.map((r) => r[step].ms)) - median(reference.map((r) => r[step].ms));
    cells.push(...stepCells(reference.map((r) => r[step]), floor), signed(difference));
  }
  return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
  buildIfNeeded();
  const stack = await startStack();
  const gatewayTarget: Target = { origin: stack.origin, link: async (msisdn) => `${stack.origin}/?${new URLSearchParams(await stack.signedLink(msisdn))}` };
  const reference = WITH_REFERENCE ? await startPhoneReference({ otpRedirect: ROUND_TRIPS.toHome === 2 }) : undefined;
  const browser = await launchChromium();
  const runs: Run[] = [];
  const referenceRuns: Run[] = [];
  try {
    // One journey each first, not counted: the gateway's first one pays its JIT (≈ 70 ms on the landing
    // and ≈ 170 ms on POST /entry in a PHONE_DEBUG trace), which a server in service has paid long ago.
    await oneRun(gatewayTarget, browser, TEST_TAXPAYERS[0].msisdn);
    if (reference) await oneRun(reference, browser, TEST_TAXPAYERS[0].msisdn);
    for (let i = 0; i < RUNS; i++) {
      // Each run signs in a fresh number's session: no live session meets the link.
      const msisdn = TEST_TAXPAYERS[i % 2].msisdn;
      runs.push(await oneRun(gatewayTarget, browser, msisdn));
      await stack.client().get("/healthz");
      console.error(`run ${i + 1}/${RUNS}: ${JSON.stringify(runs.at(-1))}`);
      if (!reference) continue;
      referenceRuns.push(await oneRun(reference, browser, msisdn));
      console.error(`reference run ${i + 1}/${RUNS}: ${JSON.stringify(referenceRuns.at(-1))}`);
    }
  } finally {
    await browser.close();
    await reference?.close();
    await stack.stop();
  }
  console.log(`\nPhone profile: Fast 3G (${RTT_MS} ms, 180 KB/s down, 84 KB/s up), CPU ÷${CPU_SLOWDOWN}; ${RUNS} runs, medians.`);
  console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? "CPU"} · Chromium /usr/bin/chromium\n`);
  const columns = ["step", "median", "runs", "requests", "transferred", "round-trip floor", "over the floor"];
  if (reference) columns.push("reference", "reference runs", "reference requests", "reference transferred", "reference over the floor", "gateway − reference");
  console.log(`| ${columns.join(" | ")} |`);
  console.log(`|${"---|".repeat(columns.length)}`);
  console.log(summarise("link → OTP input", "toOtp", runs, referenceRuns));
  console.log(summarise("OTP → home greeting", "toHome", runs, referenceRuns));
  console.log(summarise("home → returns data", "toReturns", runs, referenceRuns));
  const idle = runs.map((r) => r.homeIdle);
  console.log(`\nAfter the greeting, until the network is idle (home's other scripts and its links' preloads): median ${median(idle.map((s) => s.requests))} requests, `
    + `${(median(idle.map((s) => s.bytes)) / 1024).toFixed(1)} KB, ${seconds(median(idle.map((s) => s.ms)))} s.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

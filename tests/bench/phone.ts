// npm run bench:phone: the taxpayer's phone, in Debian's Chromium with DevTools' "Fast 3G" (562.5 ms
// latency, 180 KB/s down, 84 KB/s up) and a 4× CPU slowdown, against the built gateway and the
// simulated upstream. Five runs, each in a fresh browser context (empty cache); prints medians of:
// link → OTP input, OTP → home greeting, home → a returns page's data shown, with requests and bytes.
// PHONE_RUNS (5), PHONE_CPU_SLOWDOWN (4), PHONE_DEBUG=1 (every request's send and answer times).
// Times: from the tap to the first paint of the page that shows the input or greeting (its FCP);
// for the returns page, to the obligations list in the DOM.
import { cpus } from "node:os";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchChromium, newPhone, serveLinkPage } from "../support/chromium";
import { TEST_TAXPAYERS } from "../upstream";
import { OTP, startStack, type Stack } from "../support/stack";
import { buildIfNeeded } from "../tools/build-if-needed";
import { median } from "./stats";

const RUNS = Number(process.env.PHONE_RUNS ?? 5);
// CDP takes bytes per second.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84 * 1024 };
const CPU_SLOWDOWN = Number(process.env.PHONE_CPU_SLOWDOWN ?? 4);
const RTT_MS = FAST_3G.latency;

interface Step { ms: number; requests: number; bytes: number }
interface Run { toOtp: Step; toHome: Step; homeIdle: Step; toReturns: Step }

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

/** When the current document first painted (its First Contentful Paint), as epoch ms. */
const paintedAt = (page: Page) => page.evaluate(() => performance.timeOrigin + (performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? performance.now()));

async function oneRun(stack: Stack, browser: Browser, msisdn: string): Promise<Run> {
  const context = await newPhone(browser);
  const page = await context.newPage();
  const chat = await serveLinkPage(`${stack.origin}/?${new URLSearchParams(await stack.signedLink(msisdn))}`);
  try {
    await page.goto(chat.url);
    const traffic = new Traffic(await throttle(page), stack.origin);

    traffic.reset();
    let started = Date.now();
    if (process.env.PHONE_DEBUG) console.error(started % 100000, "click");
    await page.click("#link");
    await page.locator("#otp:enabled").waitFor({ timeout: 60_000 });
    const toOtp = { ms: (await paintedAt(page)) - started, requests: traffic.requests, bytes: traffic.bytes };

    await page.fill("#otp", OTP);
    traffic.reset();
    started = Date.now();
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText(/^Hello, /).waitFor({ timeout: 60_000 });
    const toHome = { ms: (await paintedAt(page)) - started, requests: traffic.requests, bytes: traffic.bytes };

    // Wait for the home page's own scripts (the link is followed by the client router once hydrated), and the
    // code of its visible links it preloads once idle (components/lib/preload-links.ts): counted on their own.
    traffic.reset();
    started = Date.now();
    await page.waitForLoadState("networkidle");
    const homeIdle = { ms: Date.now() - started, requests: traffic.requests, bytes: traffic.bytes };
    traffic.reset();
    started = Date.now();
    await page.locator('a[href="/returns"]').click();
    await page.locator("[data-testid=obligations] li strong").first().waitFor({ timeout: 60_000 });
    const toReturns = { ms: Date.now() - started, requests: traffic.requests, bytes: traffic.bytes };
    return { toOtp, toHome, homeIdle, toReturns };
  } finally {
    await chat.close();
    await context.close();
  }
}

function summarise(name: string, steps: Step[], floorRtts: number): string {
  const ms = median(steps.map((s) => s.ms));
  const floor = floorRtts * RTT_MS;
  return `| ${name} | ${(ms / 1000).toFixed(2)} s | ${steps.map((s) => (s.ms / 1000).toFixed(2)).join(" / ")} | ${median(steps.map((s) => s.requests))} `
    + `| ${(median(steps.map((s) => s.bytes)) / 1024).toFixed(1)} KB | ${floorRtts} × ${RTT_MS} ms = ${(floor / 1000).toFixed(2)} s | ${ms >= floor ? "+" : "−"}${(Math.abs(ms - floor) / 1000).toFixed(2)} s |`;
}

async function main(): Promise<void> {
  buildIfNeeded();
  const stack = await startStack();
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // Each run signs in a fresh number's session: no live session meets the link.
      runs.push(await oneRun(stack, browser, TEST_TAXPAYERS[i % 2].msisdn));
      await stack.client().get("/healthz");
      console.error(`run ${i + 1}/${RUNS}: ${JSON.stringify(runs.at(-1))}`);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  console.log(`\nPhone profile: Fast 3G (${RTT_MS} ms, 180 KB/s down, 84 KB/s up), CPU ÷${CPU_SLOWDOWN}; ${RUNS} runs, medians.`);
  console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? "CPU"} · Chromium /usr/bin/chromium\n`);
  console.log("| step | median | runs | requests | transferred | round-trip floor | over the floor |");
  console.log("|---|---|---|---|---|---|---|");
  // Floors: landing GET, POST /entry (answered with the OTP page); POST /session/otp (answered with the home page);
  // the returns route's script, then its API call.
  console.log(summarise("link → OTP input", runs.map((r) => r.toOtp), 2));
  console.log(summarise("OTP → home greeting", runs.map((r) => r.toHome), 1));
  console.log(summarise("home → returns data", runs.map((r) => r.toReturns), 2));
  const idle = runs.map((r) => r.homeIdle);
  console.log(`\nAfter the greeting, until the network is idle (home's other scripts and its links' preloads): median ${median(idle.map((s) => s.requests))} requests, `
    + `${(median(idle.map((s) => s.bytes)) / 1024).toFixed(1)} KB, ${(median(idle.map((s) => s.ms)) / 1000).toFixed(2)} s.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
